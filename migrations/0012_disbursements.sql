CREATE TABLE "disbursement_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"batch_no" varchar(32) NOT NULL,
	"program_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" varchar(8) NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"title" varchar(100) NOT NULL,
	"item_name" varchar(100),
	"unit_name" varchar(10),
	"unit_value_fen" bigint,
	"line_count" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"note" varchar(500),
	"created_by" uuid NOT NULL,
	"created_by_name" varchar(120) NOT NULL,
	"issued_by" uuid,
	"issued_by_name" varchar(120),
	"issued_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursement_batches_kind_check" CHECK ("disbursement_batches"."kind" in ('cash','goods')),
	CONSTRAINT "disbursement_batches_status_check" CHECK ("disbursement_batches"."status" in ('draft','issued','closed','cancelled')),
	CONSTRAINT "disbursement_batches_goods_check" CHECK (("disbursement_batches"."kind" = 'cash' and "disbursement_batches"."item_name" is null and "disbursement_batches"."unit_value_fen" is null) or ("disbursement_batches"."kind" = 'goods' and "disbursement_batches"."item_name" is not null and "disbursement_batches"."unit_value_fen" > 0)),
	CONSTRAINT "disbursement_batches_total_check" CHECK ("disbursement_batches"."line_count" > 0 and "disbursement_batches"."total_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "disbursement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"application_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" varchar(12) DEFAULT 'pending' NOT NULL,
	"payee_name" varchar(50) NOT NULL,
	"id_masked" varchar(18) NOT NULL,
	"work_unit" varchar(200) NOT NULL,
	"bank_account_cipher" text,
	"bank_account_masked" varchar(40),
	"bank_name" varchar(100),
	"amount_fen" bigint NOT NULL,
	"quantity" integer,
	"failure_reason" varchar(200),
	"confirmed_by" uuid,
	"confirmed_by_name" varchar(120),
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursement_lines_status_check" CHECK ("disbursement_lines"."status" in ('pending','paid','failed','cancelled')),
	CONSTRAINT "disbursement_lines_amount_check" CHECK ("disbursement_lines"."amount_fen" > 0),
	CONSTRAINT "disbursement_lines_quantity_check" CHECK ("disbursement_lines"."quantity" is null or "disbursement_lines"."quantity" > 0),
	CONSTRAINT "disbursement_lines_failed_check" CHECK (("disbursement_lines"."status" = 'failed') = ("disbursement_lines"."failure_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "fund_sources" ADD COLUMN "spent_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "program_sources" ADD COLUMN "paid_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "disbursement_batches" ADD CONSTRAINT "disbursement_batches_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_batches" ADD CONSTRAINT "disbursement_batches_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_lines" ADD CONSTRAINT "disbursement_lines_batch_id_disbursement_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."disbursement_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_lines" ADD CONSTRAINT "disbursement_lines_application_id_aid_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."aid_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_lines" ADD CONSTRAINT "disbursement_lines_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_lines" ADD CONSTRAINT "disbursement_lines_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_lines" ADD CONSTRAINT "disbursement_lines_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_batches_no_unique" ON "disbursement_batches" USING btree ("batch_no");--> statement-breakpoint
CREATE INDEX "disbursement_batches_program_idx" ON "disbursement_batches" USING btree ("program_id","status");--> statement-breakpoint
CREATE INDEX "disbursement_batches_org_idx" ON "disbursement_batches" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_lines_live_unique" ON "disbursement_lines" USING btree ("application_id") WHERE "disbursement_lines"."status" in ('pending','paid');--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_lines_position_unique" ON "disbursement_lines" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "disbursement_lines_application_idx" ON "disbursement_lines" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "disbursement_lines_household_idx" ON "disbursement_lines" USING btree ("household_id");--> statement-breakpoint
ALTER TABLE "fund_sources" ADD CONSTRAINT "fund_sources_spent_check" CHECK ("fund_sources"."spent_fen" >= 0 and "fund_sources"."spent_fen" <= "fund_sources"."received_fen" - "fund_sources"."unallocated_fen");--> statement-breakpoint
ALTER TABLE "program_sources" ADD CONSTRAINT "program_sources_paid_check" CHECK ("program_sources"."paid_fen" >= 0 and "program_sources"."paid_fen" <= "program_sources"."approved_fen");
CREATE TABLE "household_attachments" (
	"household_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"note" varchar(100),
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_attachments_household_id_file_id_pk" PRIMARY KEY("household_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "household_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"trigger" varchar(16) NOT NULL,
	"inputs" jsonb NOT NULL,
	"annual_income_fen" bigint NOT NULL,
	"rigid_expenditure_fen" bigint NOT NULL,
	"household_size" integer NOT NULL,
	"per_capita_monthly_fen" bigint NOT NULL,
	"dibao_fen" integer NOT NULL,
	"relative_threshold_fen" integer NOT NULL,
	"category" varchar(16) NOT NULL,
	"explanation" text NOT NULL,
	"computed_by" uuid,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" varchar(120) NOT NULL,
	"actor_org_id" uuid,
	"action" varchar(32) NOT NULL,
	"from_status" varchar(24),
	"to_status" varchar(24),
	"level" varchar(16),
	"comment" text,
	"decision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "household_expenditures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"description" varchar(100),
	"annual_fen" bigint NOT NULL,
	CONSTRAINT "household_expenditures_amount_check" CHECK ("household_expenditures"."annual_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "household_id_claims" (
	"id_blind" varchar(64) PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"role" varchar(8) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_income_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"month" date NOT NULL,
	"income_fen" bigint NOT NULL,
	"rigid_expenditure_fen" bigint NOT NULL,
	"household_size" integer NOT NULL,
	"per_capita_fen" bigint NOT NULL,
	"policy_id" uuid NOT NULL,
	"dibao_fen" integer NOT NULL,
	"note" varchar(200),
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_income_records_amounts_check" CHECK ("household_income_records"."income_fen" >= 0 and "household_income_records"."rigid_expenditure_fen" >= 0),
	CONSTRAINT "household_income_records_size_check" CHECK ("household_income_records"."household_size" >= 1),
	CONSTRAINT "household_income_records_month_check" CHECK (extract(day from "household_income_records"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "household_incomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"description" varchar(100),
	"annual_fen" bigint NOT NULL,
	CONSTRAINT "household_incomes_amount_check" CHECK ("household_incomes"."annual_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"relation" varchar(16) NOT NULL,
	"name" varchar(50) NOT NULL,
	"id_cipher" text NOT NULL,
	"id_blind" varchar(64) NOT NULL,
	"id_masked" varchar(18) NOT NULL,
	"sex" varchar(6) NOT NULL,
	"birth_date" date NOT NULL,
	"health_status" varchar(20) NOT NULL,
	"health_note_cipher" text,
	"school_level" varchar(16),
	"occupation" varchar(100)
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_org_id" uuid NOT NULL,
	"name" varchar(50) NOT NULL,
	"id_cipher" text NOT NULL,
	"id_blind" varchar(64) NOT NULL,
	"id_masked" varchar(18) NOT NULL,
	"sex" varchar(6) NOT NULL,
	"birth_date" date NOT NULL,
	"phone_cipher" text,
	"phone_blind" varchar(64),
	"phone_masked" varchar(30),
	"bank_account_cipher" text,
	"bank_account_masked" varchar(40),
	"bank_name" varchar(100),
	"job" varchar(100),
	"member_since" date,
	"address" varchar(200),
	"situation" text,
	"causes" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" varchar(24) DEFAULT 'draft' NOT NULL,
	"category" varchar(16),
	"decision_id" uuid,
	"archived_on" date,
	"review_due_on" date,
	"exit_proposed_on" date,
	"exit_proposal_reason" text,
	"exited_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_status_check" CHECK ("households"."status" in ('draft','submitted','grassroots_approved','archived','returned','rejected','withdrawn','exited'))
);
--> statement-breakpoint
ALTER TABLE "household_attachments" ADD CONSTRAINT "household_attachments_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_attachments" ADD CONSTRAINT "household_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_decisions" ADD CONSTRAINT "household_decisions_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_decisions" ADD CONSTRAINT "household_decisions_policy_id_policy_versions_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_events" ADD CONSTRAINT "household_events_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_expenditures" ADD CONSTRAINT "household_expenditures_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_id_claims" ADD CONSTRAINT "household_id_claims_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_income_records" ADD CONSTRAINT "household_income_records_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_income_records" ADD CONSTRAINT "household_income_records_policy_id_policy_versions_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_incomes" ADD CONSTRAINT "household_incomes_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_employer_org_id_orgs_id_fk" FOREIGN KEY ("employer_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_decisions_household_idx" ON "household_decisions" USING btree ("household_id","computed_at");--> statement-breakpoint
CREATE INDEX "household_events_household_idx" ON "household_events" USING btree ("household_id","id");--> statement-breakpoint
CREATE INDEX "household_expenditures_household_idx" ON "household_expenditures" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_id_claims_household_idx" ON "household_id_claims" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_income_records_month_unique" ON "household_income_records" USING btree ("household_id","month");--> statement-breakpoint
CREATE INDEX "household_incomes_household_idx" ON "household_incomes" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_members_household_idx" ON "household_members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_members_id_blind_idx" ON "household_members" USING btree ("id_blind");--> statement-breakpoint
CREATE INDEX "households_employer_idx" ON "households" USING btree ("employer_org_id");--> statement-breakpoint
CREATE INDEX "households_status_category_idx" ON "households" USING btree ("status","category");--> statement-breakpoint
CREATE INDEX "households_review_due_idx" ON "households" USING btree ("review_due_on");--> statement-breakpoint
CREATE INDEX "households_id_blind_idx" ON "households" USING btree ("id_blind");
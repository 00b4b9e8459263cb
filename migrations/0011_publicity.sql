CREATE TABLE "publicities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_name" varchar(100) NOT NULL,
	"title" varchar(200) NOT NULL,
	"note" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" varchar(16) DEFAULT 'published' NOT NULL,
	"public_token" varchar(64) NOT NULL,
	"withdrawn_reason" text,
	"withdrawn_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicities_status_check" CHECK ("publicities"."status" in ('published','withdrawn')),
	CONSTRAINT "publicities_period_check" CHECK ("publicities"."start_date" <= "publicities"."end_date")
);
--> statement-breakpoint
CREATE TABLE "publicity_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"masked_name" varchar(50) NOT NULL,
	"unit_name" varchar(100) NOT NULL,
	"amount_fen" bigint NOT NULL,
	"category" varchar(16),
	"school_level" varchar(16),
	"status" varchar(16) DEFAULT 'listed' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_entries_status_check" CHECK ("publicity_entries"."status" in ('listed','withdrawn','revoked')),
	CONSTRAINT "publicity_entries_amount_check" CHECK ("publicity_entries"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "publicity_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_id" uuid NOT NULL,
	"entry_id" uuid,
	"channel" varchar(16) NOT NULL,
	"content" text NOT NULL,
	"contact_cipher" text,
	"contact_masked" varchar(60),
	"received_on" date NOT NULL,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"outcome" varchar(16),
	"resolution_note" text,
	"resolved_by" uuid,
	"resolved_by_name" varchar(120),
	"resolved_at" timestamp with time zone,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" varchar(120) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_objections_status_check" CHECK ("publicity_objections"."status" in ('open','upheld','dismissed')),
	CONSTRAINT "publicity_objections_channel_check" CHECK ("publicity_objections"."channel" in ('phone','letter','visit','email','other')),
	CONSTRAINT "publicity_objections_outcome_check" CHECK (("publicity_objections"."status" <> 'upheld' and "publicity_objections"."outcome" is null) or ("publicity_objections"."status" = 'upheld' and ("publicity_objections"."entry_id" is null) = ("publicity_objections"."outcome" is null)))
);
--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_entries" ADD CONSTRAINT "publicity_entries_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_entries" ADD CONSTRAINT "publicity_entries_application_id_aid_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."aid_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_entry_id_publicity_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."publicity_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publicities_program_idx" ON "publicities" USING btree ("program_id","start_date");--> statement-breakpoint
CREATE INDEX "publicities_org_idx" ON "publicities" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publicities_public_token_unique" ON "publicities" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "publicity_entries_publicity_idx" ON "publicity_entries" USING btree ("publicity_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_entries_live_unique" ON "publicity_entries" USING btree ("application_id") WHERE "publicity_entries"."status" = 'listed';--> statement-breakpoint
CREATE INDEX "publicity_objections_publicity_idx" ON "publicity_objections" USING btree ("publicity_id","status");--> statement-breakpoint
CREATE INDEX "publicity_objections_entry_idx" ON "publicity_objections" USING btree ("entry_id") WHERE "publicity_objections"."entry_id" is not null;
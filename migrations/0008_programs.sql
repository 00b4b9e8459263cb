CREATE TABLE "aid_application_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"step" integer,
	"level" varchar(16),
	"action" varchar(16) NOT NULL,
	"amount_fen" bigint,
	"comment" text,
	"snapshot" jsonb NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_name" varchar(120) NOT NULL,
	"actor_org_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aid_application_decisions_action_check" CHECK ("aid_application_decisions"."action" in ('submitted','resubmitted','approved','returned','rejected'))
);
--> statement-breakpoint
CREATE TABLE "aid_application_fundings" (
	"application_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "aid_application_fundings_application_id_source_id_pk" PRIMARY KEY("application_id","source_id"),
	CONSTRAINT "aid_application_fundings_amount_check" CHECK ("aid_application_fundings"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "aid_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" varchar(16) NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"chain" jsonb NOT NULL,
	"current_org_id" uuid,
	"requested_fen" bigint NOT NULL,
	"proposed_fen" bigint,
	"approved_fen" bigint,
	"reason" text NOT NULL,
	"documents" jsonb NOT NULL,
	"student_member_id" uuid,
	"student_name" varchar(50),
	"school" varchar(100),
	"school_level" varchar(16),
	"eligibility" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aid_applications_status_check" CHECK ("aid_applications"."status" in ('pending','returned','rejected','approved')),
	CONSTRAINT "aid_applications_amount_check" CHECK ("aid_applications"."requested_fen" > 0 and ("aid_applications"."approved_fen" is null or ("aid_applications"."approved_fen" > 0 and "aid_applications"."approved_fen" <= "aid_applications"."requested_fen")))
);
--> statement-breakpoint
CREATE TABLE "fund_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"year" integer NOT NULL,
	"received_fen" bigint NOT NULL,
	"unallocated_fen" bigint NOT NULL,
	"received_on" date,
	"note" varchar(500),
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_sources_kind_check" CHECK ("fund_sources"."kind" in ('government','union_funds','upper_union','donation','other')),
	CONSTRAINT "fund_sources_received_check" CHECK ("fund_sources"."received_fen" > 0),
	CONSTRAINT "fund_sources_unallocated_check" CHECK ("fund_sources"."unallocated_fen" >= 0 and "fund_sources"."unallocated_fen" <= "fund_sources"."received_fen")
);
--> statement-breakpoint
CREATE TABLE "program_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" varchar(500),
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_allocations_amount_check" CHECK ("program_allocations"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "program_sources" (
	"program_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"allocated_fen" bigint NOT NULL,
	"approved_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "program_sources_program_id_source_id_pk" PRIMARY KEY("program_id","source_id"),
	CONSTRAINT "program_sources_balance_check" CHECK ("program_sources"."approved_fen" >= 0 and "program_sources"."approved_fen" <= "program_sources"."allocated_fen")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"type" varchar(16) NOT NULL,
	"name" varchar(100) NOT NULL,
	"year" integer NOT NULL,
	"categories" text[] NOT NULL,
	"cap_per_household_fen" bigint,
	"cap_per_year_fen" bigint,
	"dibao_months" integer,
	"tuition_caps" jsonb,
	"required_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"review_chain" text[] NOT NULL,
	"publicity_days" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_type_check" CHECK ("programs"."type" in ('warmth','tuition','medical','relief','project')),
	CONSTRAINT "programs_window_check" CHECK ("programs"."window_start" <= "programs"."window_end"),
	CONSTRAINT "programs_publicity_check" CHECK ("programs"."publicity_days" between 0 and 60),
	CONSTRAINT "programs_dibao_months_check" CHECK ("programs"."dibao_months" is null or "programs"."dibao_months" between 1 and 36),
	CONSTRAINT "programs_caps_check" CHECK (("programs"."cap_per_household_fen" is null or "programs"."cap_per_household_fen" > 0) and ("programs"."cap_per_year_fen" is null or "programs"."cap_per_year_fen" > 0)),
	CONSTRAINT "programs_chain_check" CHECK (cardinality("programs"."review_chain") between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "aid_application_decisions" ADD CONSTRAINT "aid_application_decisions_application_id_aid_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."aid_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_application_fundings" ADD CONSTRAINT "aid_application_fundings_application_id_aid_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."aid_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_application_fundings" ADD CONSTRAINT "aid_application_fundings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_application_fundings" ADD CONSTRAINT "aid_application_fundings_source_id_fund_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."fund_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_applications" ADD CONSTRAINT "aid_applications_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_applications" ADD CONSTRAINT "aid_applications_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_applications" ADD CONSTRAINT "aid_applications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_sources" ADD CONSTRAINT "fund_sources_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_allocations" ADD CONSTRAINT "program_allocations_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_allocations" ADD CONSTRAINT "program_allocations_source_id_fund_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."fund_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_sources" ADD CONSTRAINT "program_sources_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_sources" ADD CONSTRAINT "program_sources_source_id_fund_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."fund_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aid_application_decisions_application_idx" ON "aid_application_decisions" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "aid_application_fundings_program_idx" ON "aid_application_fundings" USING btree ("program_id","source_id");--> statement-breakpoint
CREATE INDEX "aid_applications_program_idx" ON "aid_applications" USING btree ("program_id","status");--> statement-breakpoint
CREATE INDEX "aid_applications_household_idx" ON "aid_applications" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "aid_applications_org_idx" ON "aid_applications" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "aid_applications_queue_idx" ON "aid_applications" USING btree ("current_org_id") WHERE "aid_applications"."current_org_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "aid_applications_live_unique" ON "aid_applications" USING btree ("program_id","household_id",coalesce("student_member_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "aid_applications"."status" in ('pending','returned','approved');--> statement-breakpoint
CREATE INDEX "fund_sources_org_year_idx" ON "fund_sources" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "program_allocations_program_idx" ON "program_allocations" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "program_sources_source_idx" ON "program_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "programs_org_year_idx" ON "programs" USING btree ("org_id","year");
CREATE TABLE "aid_application_funding_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"round" integer NOT NULL,
	"cause" varchar(32) NOT NULL,
	"cause_id" uuid,
	"reason" text NOT NULL,
	"released_by" uuid NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aid_application_funding_releases_amount_check" CHECK ("aid_application_funding_releases"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "aid_application_funding_releases" ADD CONSTRAINT "aid_application_funding_releases_application_id_aid_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."aid_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_application_funding_releases" ADD CONSTRAINT "aid_application_funding_releases_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_application_funding_releases" ADD CONSTRAINT "aid_application_funding_releases_source_id_fund_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."fund_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aid_application_funding_releases_application_idx" ON "aid_application_funding_releases" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "aid_application_funding_releases_program_idx" ON "aid_application_funding_releases" USING btree ("program_id","source_id");
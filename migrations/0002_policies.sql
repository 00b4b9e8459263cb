CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"effective_from" date NOT NULL,
	"dibao_fen" integer NOT NULL,
	"relative_multiplier_bp" integer NOT NULL,
	"sudden_ratio_bp" integer NOT NULL,
	"review_interval_months" integer NOT NULL,
	"exit_months" integer NOT NULL,
	"note" varchar(200),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_dibao_check" CHECK ("policy_versions"."dibao_fen" > 0),
	CONSTRAINT "policy_versions_multiplier_check" CHECK ("policy_versions"."relative_multiplier_bp" > 10000),
	CONSTRAINT "policy_versions_ratio_check" CHECK ("policy_versions"."sudden_ratio_bp" > 0 and "policy_versions"."sudden_ratio_bp" <= 10000),
	CONSTRAINT "policy_versions_review_check" CHECK ("policy_versions"."review_interval_months" between 1 and 60),
	CONSTRAINT "policy_versions_exit_check" CHECK ("policy_versions"."exit_months" between 1 and 36)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_region_date_unique" ON "policy_versions" USING btree ("region_code","effective_from");
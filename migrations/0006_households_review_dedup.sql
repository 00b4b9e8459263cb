CREATE TABLE "household_annual_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"reviewed_on" date NOT NULL,
	"outcome" varchar(16) NOT NULL,
	"note" text NOT NULL,
	"decision_id" uuid,
	"due_on_before" date,
	"due_on_after" date NOT NULL,
	"reviewed_by" uuid NOT NULL,
	"reviewer_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_annual_reviews_outcome_check" CHECK ("household_annual_reviews"."outcome" in ('continue','propose_exit','recompute'))
);
--> statement-breakpoint
CREATE TABLE "household_not_duplicates" (
	"household_a" uuid NOT NULL,
	"household_b" uuid NOT NULL,
	"note" varchar(200),
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_not_duplicates_household_a_household_b_pk" PRIMARY KEY("household_a","household_b"),
	CONSTRAINT "household_not_duplicates_order_check" CHECK ("household_not_duplicates"."household_a" < "household_not_duplicates"."household_b")
);
--> statement-breakpoint
CREATE TABLE "household_review_sample_items" (
	"sample_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"result" varchar(16),
	"note" varchar(500),
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	CONSTRAINT "household_review_sample_items_sample_id_household_id_pk" PRIMARY KEY("sample_id","household_id"),
	CONSTRAINT "household_review_sample_items_result_check" CHECK ("household_review_sample_items"."result" is null or "household_review_sample_items"."result" in ('confirmed','discrepancy'))
);
--> statement-breakpoint
CREATE TABLE "household_review_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"ratio_bp" integer NOT NULL,
	"seed" varchar(64) NOT NULL,
	"population" integer NOT NULL,
	"size" integer NOT NULL,
	"drawn_by" uuid NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_review_samples_ratio_check" CHECK ("household_review_samples"."ratio_bp" between 3000 and 10000)
);
--> statement-breakpoint
ALTER TABLE "household_annual_reviews" ADD CONSTRAINT "household_annual_reviews_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_annual_reviews" ADD CONSTRAINT "household_annual_reviews_decision_id_household_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."household_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_not_duplicates" ADD CONSTRAINT "household_not_duplicates_household_a_households_id_fk" FOREIGN KEY ("household_a") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_not_duplicates" ADD CONSTRAINT "household_not_duplicates_household_b_households_id_fk" FOREIGN KEY ("household_b") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_review_sample_items" ADD CONSTRAINT "household_review_sample_items_sample_id_household_review_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."household_review_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_review_sample_items" ADD CONSTRAINT "household_review_sample_items_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_review_samples" ADD CONSTRAINT "household_review_samples_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_annual_reviews_household_idx" ON "household_annual_reviews" USING btree ("household_id","reviewed_on");--> statement-breakpoint
CREATE INDEX "household_annual_reviews_year_idx" ON "household_annual_reviews" USING btree ("year","household_id");--> statement-breakpoint
CREATE INDEX "household_not_duplicates_b_idx" ON "household_not_duplicates" USING btree ("household_b");--> statement-breakpoint
CREATE INDEX "household_review_samples_org_idx" ON "household_review_samples" USING btree ("org_id","year");
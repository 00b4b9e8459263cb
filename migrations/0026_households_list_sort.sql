-- The household list sorts by 年审到期 and by 人均月收入 on indexes (an index walk, like its default order).
-- The per-capita income is copied from each household's latest decision, as its category is.
ALTER TABLE "households" ADD COLUMN "per_capita_monthly_fen" bigint;--> statement-breakpoint
UPDATE "households" h SET "per_capita_monthly_fen" = d."per_capita_monthly_fen" FROM "household_decisions" d WHERE d."id" = h."decision_id";--> statement-breakpoint
DROP INDEX "households_review_due_idx";--> statement-breakpoint
CREATE INDEX "households_review_due_idx" ON "households" USING btree ("review_due_on","id","employer_org_id");--> statement-breakpoint
CREATE INDEX "households_per_capita_idx" ON "households" USING btree ("per_capita_monthly_fen","id","employer_org_id");--> statement-breakpoint
CREATE INDEX "households_per_capita_desc_idx" ON "households" USING btree ("per_capita_monthly_fen" DESC NULLS LAST,"id" DESC NULLS LAST,"employer_org_id");

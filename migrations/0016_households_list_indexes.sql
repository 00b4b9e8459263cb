DROP INDEX "households_employer_idx";--> statement-breakpoint
CREATE INDEX "households_employer_status_idx" ON "households" USING btree ("employer_org_id","status","category");--> statement-breakpoint
CREATE INDEX "households_updated_idx" ON "households" USING btree ("updated_at" DESC NULLS LAST,"id","employer_org_id");--> statement-breakpoint
CREATE INDEX "households_category_updated_idx" ON "households" USING btree ("category","updated_at" DESC NULLS LAST,"id","employer_org_id");--> statement-breakpoint
CREATE INDEX "households_name_prefix_idx" ON "households" USING btree ("name" varchar_pattern_ops,"id");
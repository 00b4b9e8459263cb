-- Duplicate suggestions (疑似重复档案) compare names by trigram similarity; the GIN index serves the
-- `name % $1` look-up, the partial btree the exact phone match (blind index of the phone).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "households_name_trgm_idx" ON "households" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "households_phone_blind_idx" ON "households" ("phone_blind") WHERE "phone_blind" IS NOT NULL;
--> statement-breakpoint
-- Annual reviews and drawn samples are history: never changed or deleted (findings live on the items).
CREATE TRIGGER household_annual_reviews_no_update_delete
  BEFORE UPDATE OR DELETE ON household_annual_reviews
  FOR EACH ROW EXECUTE FUNCTION households_history_append_only();
--> statement-breakpoint
CREATE TRIGGER household_review_samples_no_update_delete
  BEFORE UPDATE OR DELETE ON household_review_samples
  FOR EACH ROW EXECUTE FUNCTION households_history_append_only();

-- Drawn samples stay append-only, with one exception: a sample redrawn before any finding is marked
-- superseded (once, by the sample that replaced it). The old trigger refused every update; it is replaced
-- by one that lets exactly that through, and comes back after the backfill below.
DROP TRIGGER IF EXISTS household_review_samples_no_update_delete ON household_review_samples;--> statement-breakpoint
ALTER TABLE "household_review_sample_items" ADD COLUMN "checked_by_name" varchar(120);--> statement-breakpoint
ALTER TABLE "household_review_samples" ADD COLUMN "drawn_by_name" varchar(120);--> statement-breakpoint
ALTER TABLE "household_review_samples" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "household_review_samples" ADD COLUMN "superseded_by" uuid;--> statement-breakpoint
ALTER TABLE "household_review_samples" ADD CONSTRAINT "household_review_samples_superseded_by_household_review_samples_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."household_review_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Names as the timeline keeps them (显示名（用户名）) for samples and findings recorded before this version.
UPDATE "household_review_samples" s SET "drawn_by_name" = u."display_name" || '（' || u."username" || '）'
FROM "users" u WHERE u."id" = s."drawn_by";--> statement-breakpoint
UPDATE "household_review_sample_items" i SET "checked_by_name" = u."display_name" || '（' || u."username" || '）'
FROM "users" u WHERE u."id" = i."checked_by";--> statement-breakpoint
-- Before this version every draw made a new sample. Per unit and year one stays current: the newest one
-- with a finding, else the newest; the others are kept as superseded by it.
WITH ranked AS (
  SELECT s."id", s."org_id", s."year",
    first_value(s."id") OVER (
      PARTITION BY s."org_id", s."year"
      ORDER BY EXISTS (SELECT 1 FROM "household_review_sample_items" i WHERE i."sample_id" = s."id" AND i."result" IS NOT NULL) DESC,
        s."drawn_at" DESC, s."id" DESC
    ) AS "kept"
  FROM "household_review_samples" s
)
UPDATE "household_review_samples" s SET "superseded_at" = now(), "superseded_by" = r."kept"
FROM ranked r WHERE r."id" = s."id" AND r."kept" <> s."id";--> statement-breakpoint
CREATE UNIQUE INDEX "household_review_samples_current_uniq" ON "household_review_samples" USING btree ("org_id","year") WHERE "household_review_samples"."superseded_at" is null;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION household_review_samples_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND NEW.superseded_at IS NOT NULL
    AND (OLD.superseded_at IS NULL OR OLD.superseded_at = NEW.superseded_at)
    AND (OLD.superseded_by IS NULL OR OLD.superseded_by = NEW.superseded_by)
    AND (to_jsonb(NEW) - 'superseded_at' - 'superseded_by') = (to_jsonb(OLD) - 'superseded_at' - 'superseded_by')
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only (抽查样本只能追加，仅可标记为已被重新抽取替代)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER household_review_samples_no_update_delete
  BEFORE UPDATE OR DELETE ON household_review_samples
  FOR EACH ROW EXECUTE FUNCTION household_review_samples_append_only();
--> statement-breakpoint
-- Duplicate pairs of two-character names one character apart (王磊/王蕾) at the same employer.
CREATE INDEX "households_employer_name2_first_idx" ON "households" USING btree ("employer_org_id",left("name", 1)) WHERE char_length("households"."name") = 2;--> statement-breakpoint
CREATE INDEX "households_employer_name2_last_idx" ON "households" USING btree ("employer_org_id",right("name", 1)) WHERE char_length("households"."name") = 2;

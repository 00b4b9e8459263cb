-- Each timeline step records the household's employer at the time (档案统计 counts a step where it happened).
-- Steps taken before this migration get the employer on file today: the best that is known of them.
ALTER TABLE "household_events" ADD COLUMN "employer_org_id" uuid;--> statement-breakpoint
ALTER TABLE "household_events" DISABLE TRIGGER "household_events_no_update_delete";--> statement-breakpoint
UPDATE "household_events" e SET "employer_org_id" = h."employer_org_id" FROM "households" h WHERE h."id" = e."household_id";--> statement-breakpoint
ALTER TABLE "household_events" ENABLE TRIGGER "household_events_no_update_delete";--> statement-breakpoint
ALTER TABLE "household_events" ALTER COLUMN "employer_org_id" SET NOT NULL;

ALTER TABLE "files" ADD COLUMN "private_to" uuid;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_private_to_users_id_fk" FOREIGN KEY ("private_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Files generated before this version (exports, registers) and import workbooks become their requester's only.
UPDATE "files" SET "private_to" = "created_by"
WHERE "created_by" IS NOT NULL AND (
  EXISTS (SELECT 1 FROM "audit_log" a WHERE a."action" = 'file.generated' AND a."entity" = 'file' AND a."entity_id" = "files"."id"::text)
  OR EXISTS (SELECT 1 FROM "jobs" j WHERE j."type" = 'households.import' AND j."payload"->>'fileId' = "files"."id"::text)
);

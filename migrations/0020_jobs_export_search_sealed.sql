-- An export's search text (possibly a full ID number) was kept in clear in the job's payload; new jobs
-- carry it sealed (`sealedQ`). Finished exports no longer need it: it is dropped. An export still queued
-- or interrupted with a search in clear is failed with a request to export again, so that no clear text
-- stays behind and no old-format payload runs.
UPDATE "jobs" SET "payload" = "payload" #- '{filter,q}'
WHERE "type" = 'households.export' AND "status" IN ('succeeded', 'failed') AND ("payload"->'filter') ? 'q';--> statement-breakpoint
UPDATE "jobs" SET
  "status" = 'failed',
  "message" = '系统升级后请重新导出：导出条件中的查询文字不再明文保存',
  "finished_at" = now(),
  "payload" = "payload" #- '{filter,q}'
WHERE "type" = 'households.export' AND "status" IN ('queued', 'running') AND ("payload"->'filter') ? 'q';

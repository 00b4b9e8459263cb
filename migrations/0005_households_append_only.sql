-- Category decisions are snapshots and the timeline is history: neither is ever changed or deleted.
CREATE OR REPLACE FUNCTION households_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (决定快照和时间线只能追加)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER household_decisions_no_update_delete
  BEFORE UPDATE OR DELETE ON household_decisions
  FOR EACH ROW EXECUTE FUNCTION households_history_append_only();
--> statement-breakpoint
CREATE TRIGGER household_events_no_update_delete
  BEFORE UPDATE OR DELETE ON household_events
  FOR EACH ROW EXECUTE FUNCTION households_history_append_only();

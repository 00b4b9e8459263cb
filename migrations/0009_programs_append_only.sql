-- Earmarks, review decisions and the sources paying an approval are history: never changed or deleted.
CREATE OR REPLACE FUNCTION programs_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (资金安排和审核决定只能追加)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER program_allocations_no_update_delete
  BEFORE UPDATE OR DELETE ON program_allocations
  FOR EACH ROW EXECUTE FUNCTION programs_history_append_only();
--> statement-breakpoint
CREATE TRIGGER aid_application_decisions_no_update_delete
  BEFORE UPDATE OR DELETE ON aid_application_decisions
  FOR EACH ROW EXECUTE FUNCTION programs_history_append_only();
--> statement-breakpoint
CREATE TRIGGER aid_application_fundings_no_update_delete
  BEFORE UPDATE OR DELETE ON aid_application_fundings
  FOR EACH ROW EXECUTE FUNCTION programs_history_append_only();

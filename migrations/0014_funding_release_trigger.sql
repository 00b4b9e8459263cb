-- aid_application_fundings lists what current approvals hold. Undoing an approval (an objection upheld
-- during publicity) moves its rows to aid_application_funding_releases; only that use case may delete them,
-- and it says so with a transaction-local setting. Updates stay forbidden, deletes otherwise too.
CREATE OR REPLACE FUNCTION aid_application_fundings_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('bangfu.release_funding', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only (资金安排和审核决定只能追加)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS aid_application_fundings_no_update_delete ON aid_application_fundings;
--> statement-breakpoint
CREATE TRIGGER aid_application_fundings_no_update_delete
  BEFORE UPDATE OR DELETE ON aid_application_fundings
  FOR EACH ROW EXECUTE FUNCTION aid_application_fundings_guard();
--> statement-breakpoint
CREATE TRIGGER aid_application_funding_releases_no_update_delete
  BEFORE UPDATE OR DELETE ON aid_application_funding_releases
  FOR EACH ROW EXECUTE FUNCTION programs_history_append_only();

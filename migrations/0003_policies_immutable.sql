-- Policy versions are immutable: a change is a new version with its own effective date, so that a
-- category decision always points at the figures it was computed with.
CREATE OR REPLACE FUNCTION policy_versions_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'policy_versions rows cannot be changed; add a new version instead (政策版本不可修改，请新增版本)';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER policy_versions_no_update_delete
  BEFORE UPDATE OR DELETE ON policy_versions
  FOR EACH ROW EXECUTE FUNCTION policy_versions_immutable();

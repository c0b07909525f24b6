-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "ip" TEXT,
ALTER COLUMN "workspaceId" DROP NOT NULL;

-- Audit events are append-only. UPDATE, DELETE and TRUNCATE are refused for everyone,
-- with one narrow exception: deleting a workspace may delete that workspace's events
-- when its transaction first runs
--   SELECT set_config('miniflow.audit_purge', '<workspaceId>', true)
-- (transaction-local, so it ends with the transaction). The system chain (no workspace)
-- is never deleted.
CREATE FUNCTION "miniflow_audit_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND OLD."workspaceId" IS NOT NULL
     AND OLD."workspaceId" = current_setting('miniflow.audit_purge', true) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'AuditEvent is append-only: TRUNCATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % of event % refused', TG_OP, OLD."id"
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
BEFORE UPDATE OR DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "miniflow_audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
BEFORE TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "miniflow_audit_event_append_only"();

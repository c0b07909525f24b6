-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "ip" TEXT,
ALTER COLUMN "workspaceId" DROP NOT NULL;

-- Audit events are append-only: UPDATE, DELETE and TRUNCATE are refused for everyone (a
-- deleted workspace keeps its row, and so its events). No exception: any session could
-- use one to remove a chain's newest events, which the chain itself cannot reveal.
CREATE FUNCTION "miniflow_audit_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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

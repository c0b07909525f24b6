import { exportAuditCsvInput, listAuditEventsInput } from '../../services/audit/audit-inputs';
import { exportAuditCsv } from '../../services/audit/export-audit-csv';
import { listAuditEvents } from '../../services/audit/list-audit-events';
import { verifyWorkspaceAudit } from '../../services/audit/verify-workspace-audit';
import { actorOf, adminProcedure, createTRPCRouter } from '../trpc';

export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(listAuditEventsInput)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, actorOf(ctx), input)),
  exportCsv: adminProcedure
    .input(exportAuditCsvInput)
    .query(({ ctx, input }) => exportAuditCsv(ctx.db, actorOf(ctx), input)),
  verify: adminProcedure.query(({ ctx }) => verifyWorkspaceAudit(ctx.db, actorOf(ctx))),
});

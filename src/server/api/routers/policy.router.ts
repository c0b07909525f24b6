import { complianceReport, exportComplianceCsv } from '../../services/policies/compliance-report';
import { getCompliancePolicy } from '../../services/policies/get-compliance-policy';
import {
  grantPolicyException,
  revokePolicyException,
} from '../../services/policies/grant-policy-exception';
import {
  grantExceptionInput,
  revokeExceptionInput,
  setPolicyInput,
} from '../../services/policies/policy-inputs';
import { setCompliancePolicy } from '../../services/policies/set-compliance-policy';
import { actorOf, adminProcedure, createTRPCRouter, viewerProcedure } from '../trpc';

export const policyRouter = createTRPCRouter({
  get: viewerProcedure.query(({ ctx }) => getCompliancePolicy(ctx.db, actorOf(ctx))),
  set: adminProcedure
    .input(setPolicyInput)
    .mutation(({ ctx, input }) => setCompliancePolicy(ctx.db, actorOf(ctx), input)),
  grantException: adminProcedure
    .input(grantExceptionInput)
    .mutation(({ ctx, input }) => grantPolicyException(ctx.db, actorOf(ctx), input)),
  revokeException: adminProcedure
    .input(revokeExceptionInput)
    .mutation(({ ctx, input }) => revokePolicyException(ctx.db, actorOf(ctx), input)),
  report: viewerProcedure.query(({ ctx }) => complianceReport(ctx.db, actorOf(ctx))),
  exportCsv: viewerProcedure.query(({ ctx }) => exportComplianceCsv(ctx.db, actorOf(ctx))),
});

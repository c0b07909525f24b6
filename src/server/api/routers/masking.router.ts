import {
  addMaskingRuleInput,
  maskingRuleIdInput,
  setBuiltinsInput,
} from '../../services/masking/masking-inputs';
import {
  addMaskingRule,
  deleteMaskingRule,
  getMasking,
  setMaskingBuiltins,
} from '../../services/masking/masking-settings';
import { actorOf, adminProcedure, createTRPCRouter, viewerProcedure } from '../trpc';

export const maskingRouter = createTRPCRouter({
  get: viewerProcedure.query(({ ctx }) => getMasking(ctx.db, actorOf(ctx))),
  setBuiltins: adminProcedure
    .input(setBuiltinsInput)
    .mutation(({ ctx, input }) => setMaskingBuiltins(ctx.db, actorOf(ctx), input)),
  addRule: adminProcedure
    .input(addMaskingRuleInput)
    .mutation(({ ctx, input }) => addMaskingRule(ctx.db, actorOf(ctx), input)),
  deleteRule: adminProcedure
    .input(maskingRuleIdInput)
    .mutation(({ ctx, input }) => deleteMaskingRule(ctx.db, actorOf(ctx), input)),
});

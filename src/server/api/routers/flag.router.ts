import { flagKeyInput, putFlagInput, tryFlagInput } from '../../services/flags/flag-inputs';
import { flagHistory } from '../../services/flags/flag-history';
import { putFlag } from '../../services/flags/put-flag';
import { getFlag, listFlags } from '../../services/flags/read-flags';
import { tryFlag } from '../../services/flags/try-flag';
import { actorOf, createTRPCRouter, editorProcedure, viewerProcedure } from '../trpc';

export const flagRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listFlags(ctx.db, actorOf(ctx))),
  get: viewerProcedure
    .input(flagKeyInput)
    .query(({ ctx, input }) => getFlag(ctx.db, actorOf(ctx), input.key)),
  history: viewerProcedure
    .input(flagKeyInput)
    .query(({ ctx, input }) => flagHistory(ctx.db, actorOf(ctx), input.key)),
  put: editorProcedure
    .input(putFlagInput)
    .mutation(({ ctx, input }) => putFlag(ctx.db, actorOf(ctx), input)),
  try: viewerProcedure
    .input(tryFlagInput)
    .query(({ ctx, input }) => tryFlag(ctx.db, actorOf(ctx), input.key, input.context)),
});

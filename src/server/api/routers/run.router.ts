import { webRuntime } from '../../runtime/web-runtime';
import { cancelRun } from '../../services/runs/cancel-run';
import { getRun } from '../../services/runs/get-run';
import { listRuns } from '../../services/runs/list-runs';
import { retryRun } from '../../services/runs/retry-run';
import {
  listRunsInput,
  retryRunInput,
  runIdInput,
  startRunInput,
} from '../../services/runs/run-inputs';
import { startManualRun } from '../../services/runs/start-manual-run';
import { actorOf, createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc';

export const runRouter = createTRPCRouter({
  list: viewerProcedure
    .input(listRunsInput)
    .query(({ ctx, input }) => listRuns(ctx.db, actorOf(ctx), input)),
  get: viewerProcedure
    .input(runIdInput)
    .query(({ ctx, input }) => getRun(ctx.db, actorOf(ctx), input.id)),
  start: operatorProcedure
    .input(startRunInput)
    .mutation(({ ctx, input }) => startManualRun(ctx.db, webRuntime(), actorOf(ctx), input)),
  cancel: operatorProcedure
    .input(runIdInput)
    .mutation(({ ctx, input }) => cancelRun(ctx.db, webRuntime(), actorOf(ctx), input.id)),
  retry: operatorProcedure
    .input(retryRunInput)
    .mutation(({ ctx, input }) => retryRun(ctx.db, webRuntime(), actorOf(ctx), input)),
});

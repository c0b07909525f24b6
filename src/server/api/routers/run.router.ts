import { webRuntime } from '../../runtime/web-runtime';
import { bulkCancelRuns } from '../../services/runs/bulk-cancel-runs';
import { bulkRetryRuns } from '../../services/runs/bulk-retry-runs';
import { cancelRun } from '../../services/runs/cancel-run';
import { getRun } from '../../services/runs/get-run';
import { listRuns } from '../../services/runs/list-runs';
import { retryRun } from '../../services/runs/retry-run';
import {
  bulkRetryRunsInput,
  bulkRunIdsInput,
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
    .mutation(({ ctx, input }) =>
      startManualRun(ctx.db, webRuntime(), actorOf(ctx), input, ctx.apiKey ? 'api' : 'manual'),
    ),
  cancel: operatorProcedure
    .input(runIdInput)
    .mutation(({ ctx, input }) => cancelRun(ctx.db, webRuntime(), actorOf(ctx), input.id)),
  retry: operatorProcedure
    .input(retryRunInput)
    .mutation(({ ctx, input }) => retryRun(ctx.db, webRuntime(), actorOf(ctx), input)),
  bulkCancel: operatorProcedure
    .input(bulkRunIdsInput)
    .mutation(({ ctx, input }) => bulkCancelRuns(ctx.db, webRuntime(), actorOf(ctx), input)),
  bulkRetry: operatorProcedure
    .input(bulkRetryRunsInput)
    .mutation(({ ctx, input }) => bulkRetryRuns(ctx.db, webRuntime(), actorOf(ctx), input)),
});

import { getHomeDashboard } from '../../services/monitor/get-home-dashboard';
import { getQueueMonitor } from '../../services/monitor/get-queue-monitor';
import { getResultMonitor } from '../../services/monitor/get-result-monitor';
import {
  homeDashboardInput,
  queueMonitorInput,
  resultMonitorInput,
} from '../../services/monitor/monitor-inputs';
import { actorOf, createTRPCRouter, viewerProcedure } from '../trpc';

export const monitorRouter = createTRPCRouter({
  queue: viewerProcedure
    .input(queueMonitorInput)
    .query(({ ctx }) => getQueueMonitor(ctx.db, actorOf(ctx))),
  results: viewerProcedure
    .input(resultMonitorInput)
    .query(({ ctx, input }) => getResultMonitor(ctx.db, actorOf(ctx), input)),
  home: viewerProcedure
    .input(homeDashboardInput)
    .query(({ ctx }) => getHomeDashboard(ctx.db, actorOf(ctx))),
});

import { openRunEvents, runEventsInput } from '../../services/live/run-events';
import { actorOf, createTRPCRouter, viewerProcedure } from '../trpc';

export const liveRouter = createTRPCRouter({
  runs: viewerProcedure
    .input(runEventsInput)
    .subscription(({ ctx, input, signal }) => openRunEvents(ctx.db, actorOf(ctx), input, signal)),
});

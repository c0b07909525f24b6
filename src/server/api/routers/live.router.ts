import { mayStillWatch, whileAllowed } from '../../services/live/live-access';
import { openRunEvents, runEvents, runEventsInput } from '../../services/live/run-events';
import { actorOf, createTRPCRouter, streamed, viewerProcedure } from '../trpc';

export const liveRouter = createTRPCRouter({
  runs: viewerProcedure.input(runEventsInput).subscription(({ ctx, input, signal }) => {
    const actor = actorOf(ctx);
    const holder = {
      userId: ctx.userId,
      workspaceId: actor.workspaceId,
      ...(ctx.sessionVersion === undefined ? {} : { sessionVersion: ctx.sessionVersion }),
    };
    return openRunEvents(ctx.db, actor, input, () =>
      streamed(
        whileAllowed(
          (inner) => runEvents(actor, input, inner),
          () => mayStillWatch(ctx.db, holder),
          ctx.userId,
          signal,
        ),
      ),
    );
  }),
});

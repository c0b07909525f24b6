import { deleteSegment } from '../../services/flags/delete-segment';
import { putSegmentInput, segmentKeyInput } from '../../services/flags/flag-inputs';
import { putSegment } from '../../services/flags/put-segment';
import { getSegment, listSegments } from '../../services/flags/read-segments';
import { actorOf, createTRPCRouter, editorProcedure, viewerProcedure } from '../trpc';

export const segmentRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listSegments(ctx.db, actorOf(ctx))),
  get: viewerProcedure
    .input(segmentKeyInput)
    .query(({ ctx, input }) => getSegment(ctx.db, actorOf(ctx), input.key)),
  put: editorProcedure
    .input(putSegmentInput)
    .mutation(({ ctx, input }) => putSegment(ctx.db, actorOf(ctx), input)),
  delete: editorProcedure
    .input(segmentKeyInput)
    .mutation(({ ctx, input }) => deleteSegment(ctx.db, actorOf(ctx), input.key)),
});

import { listScheduleFires } from '../../services/schedules/list-schedule-fires';
import { listSchedules } from '../../services/schedules/list-schedules';
import {
  listScheduleFiresInput,
  listSchedulesInput,
  scheduleIdInput,
} from '../../services/schedules/schedule-inputs';
import { pauseSchedule, resumeSchedule } from '../../services/schedules/set-schedule-paused';
import { actorOf, createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc';

export const scheduleRouter = createTRPCRouter({
  list: viewerProcedure
    .input(listSchedulesInput)
    .query(({ ctx, input }) => listSchedules(ctx.db, actorOf(ctx), input)),
  fires: viewerProcedure
    .input(listScheduleFiresInput)
    .query(({ ctx, input }) => listScheduleFires(ctx.db, actorOf(ctx), input)),
  pause: operatorProcedure
    .input(scheduleIdInput)
    .mutation(({ ctx, input }) => pauseSchedule(ctx.db, actorOf(ctx), input.id)),
  resume: operatorProcedure
    .input(scheduleIdInput)
    .mutation(({ ctx, input }) => resumeSchedule(ctx.db, actorOf(ctx), input.id)),
});

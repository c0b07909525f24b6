import { z } from 'zod';
import { scheduleIdInput } from '../../services/schedules/schedule-inputs';
import { route } from '../rest-route';
import { memberSchema, scheduleSchema, scheduleStateSchema } from '../rest-schemas';

const listSchedulesQuery = z.object({
  workflowId: z.string().max(64, 'is not an id').optional(),
});

export const scheduleRoutes = [
  route({
    method: 'get',
    path: '/schedules',
    operationId: 'listSchedules',
    summary: 'List cron schedules',
    tag: 'Schedules',
    procedure: 'schedule.list',
    query: listSchedulesQuery,
    responses: { 200: { description: 'The schedules', schema: z.array(scheduleSchema) } },
    async handle({ caller, query }) {
      const rows = await caller.schedule.list(query);
      return {
        status: 200,
        body: rows.map(({ workflow, version, createdAt: _createdAt, ...s }) => ({
          ...s,
          workflowName: workflow.name,
          version: version.number,
        })),
      };
    },
  }),
  ...(['pause', 'resume'] as const).map((action) =>
    route({
      method: 'post',
      path: `/schedules/{id}/${action}`,
      operationId: `${action}Schedule`,
      summary: action === 'pause' ? 'Pause a schedule' : 'Resume a paused schedule',
      tag: 'Schedules',
      procedure: `schedule.${action}`,
      params: scheduleIdInput,
      responses: { 200: { description: 'The schedule', schema: scheduleStateSchema } },
      async handle({ caller, params }) {
        return { status: 200, body: await caller.schedule[action]({ id: params.id }) };
      },
    }),
  ),
  route({
    method: 'get',
    path: '/members',
    operationId: 'listMembers',
    summary: 'List the workspace’s members',
    tag: 'Members',
    procedure: 'member.list',
    responses: { 200: { description: 'The members', schema: z.array(memberSchema) } },
    async handle({ caller }) {
      return { status: 200, body: await caller.member.list() };
    },
  }),
];

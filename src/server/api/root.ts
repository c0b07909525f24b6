import { accountRouter } from './routers/account.router';
import { apiKeyRouter } from './routers/api-key.router';
import { instanceRouter } from './routers/instance.router';
import { invitationRouter } from './routers/invitation.router';
import { auditRouter } from './routers/audit.router';
import { credentialRouter } from './routers/credential.router';
import { maskingRouter } from './routers/masking.router';
import { flagRouter } from './routers/flag.router';
import { limitsRouter } from './routers/limits.router';
import { liveRouter } from './routers/live.router';
import { memberRouter } from './routers/member.router';
import { monitorRouter } from './routers/monitor.router';
import { policyRouter } from './routers/policy.router';
import { runRouter } from './routers/run.router';
import { segmentRouter } from './routers/segment.router';
import { scheduleRouter } from './routers/schedule.router';
import { testRouter } from './routers/test.router';
import { workflowRouter } from './routers/workflow.router';
import { workspaceRouter } from './routers/workspace.router';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  workflow: workflowRouter,
  member: memberRouter,
  invitation: invitationRouter,
  account: accountRouter,
  run: runRouter,
  schedule: scheduleRouter,
  test: testRouter,
  monitor: monitorRouter,
  live: liveRouter,
  audit: auditRouter,
  apiKey: apiKeyRouter,
  credential: credentialRouter,
  masking: maskingRouter,
  flag: flagRouter,
  segment: segmentRouter,
  policy: policyRouter,
  instance: instanceRouter,
  limits: limitsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

import { z } from 'zod';
import { StepError, type StepRegistry, type StepType } from '../steps/step-type';

/**
 * A small registry of fake step types for engine tests, so the engine is tested without the
 * real step library (which is built separately against the same contract).
 */

const passThrough = (predecessors: Record<string, unknown>): unknown => {
  const values = Object.values(predecessors);
  return values.length === 1 ? values[0] : predecessors;
};

const trigger: StepType = {
  id: 'trigger',
  version: 1,
  displayName: 'Trigger',
  category: 'trigger',
  description: 'Starts the run with its input.',
  params: z.strictObject({}),
  ports: () => ['out'],
  trigger: true,
  inline: true,
  execute: async (_params, ctx) => ({ output: ctx.input }),
};

const set: StepType<z.ZodObject<{ value: z.ZodUnknown }>> = {
  id: 'set',
  version: 1,
  displayName: 'Set',
  category: 'data',
  description: 'Outputs its value param.',
  params: z.object({ value: z.unknown() }),
  ports: () => ['out'],
  inline: true,
  execute: async (params) => ({ output: params.value }),
};

const ifStep: StepType<z.ZodObject<{ condition: z.ZodUnknown }>> = {
  id: 'if',
  version: 1,
  displayName: 'If',
  category: 'flow',
  description: 'Routes to true or false.',
  params: z.object({ condition: z.unknown() }),
  ports: () => ['true', 'false'],
  inline: true,
  execute: async (params, ctx) => ({
    output: passThrough(ctx.predecessors),
    port: params.condition ? 'true' : 'false',
  }),
};

const switchParams = z.object({ value: z.string(), cases: z.array(z.string()) });
const switchStep: StepType<typeof switchParams> = {
  id: 'switch',
  version: 1,
  displayName: 'Switch',
  category: 'flow',
  description: 'Routes to the case equal to value, else default.',
  params: switchParams,
  ports: (params) => [...params.cases, 'default'],
  inline: true,
  execute: async (params) => ({
    output: params.value,
    port: params.cases.includes(params.value) ? params.value : 'default',
  }),
};

const mergeParams = z.object({ mode: z.enum(['all', 'first']).default('all') });
const merge: StepType<typeof mergeParams> = {
  id: 'merge',
  version: 1,
  displayName: 'Merge',
  category: 'flow',
  description: 'Joins branches.',
  params: mergeParams,
  ports: () => ['out'],
  inline: true,
  execute: async (_params, ctx) => ({ output: { ...ctx.predecessors } }),
};

const failParams = z.object({
  message: z.string().default('boom'),
  retryable: z.boolean().optional(),
});
const fail: StepType<typeof failParams> = {
  id: 'fail',
  version: 1,
  displayName: 'Fail',
  category: 'utility',
  description: 'Always fails.',
  params: failParams,
  ports: () => ['out'],
  execute: async (params) => {
    throw new StepError(
      params.message,
      params.retryable === undefined ? {} : { retryable: params.retryable },
    );
  },
};

const flakyParams = z.object({ failures: z.number().int().min(0) });
const flaky: StepType<typeof flakyParams> = {
  id: 'flaky',
  version: 1,
  displayName: 'Flaky',
  category: 'utility',
  description: 'Fails its first `failures` attempts.',
  params: flakyParams,
  ports: () => ['out'],
  execute: async (params, ctx) => {
    if (ctx.attempt <= params.failures) throw new Error(`flaky failure ${ctx.attempt}`);
    return { output: { attempt: ctx.attempt } };
  },
};

const hang: StepType = {
  id: 'hang',
  version: 1,
  displayName: 'Hang',
  category: 'utility',
  description: 'Never finishes until aborted.',
  params: z.object({}),
  ports: () => ['out'],
  execute: (_params, ctx) =>
    new Promise((_, reject) => {
      ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    }),
};

const delayParams = z.object({ ms: z.number().min(0), output: z.unknown().optional() });
const delay: StepType<typeof delayParams> = {
  id: 'delay',
  version: 1,
  displayName: 'Delay',
  category: 'flow',
  description: 'Waits durably.',
  params: delayParams,
  ports: () => ['out'],
  execute: async (params, ctx) => ({
    suspend: {
      kind: 'delay',
      until: ctx.clock.now() + params.ms,
      output: params.output ?? { waitedMs: params.ms },
    },
  }),
};

const forEachParams = z.object({
  workflowId: z.string().min(1),
  items: z.array(z.unknown()),
  concurrency: z.number().int().min(1).default(1),
  wait: z.boolean().default(true),
});
const forEach: StepType<typeof forEachParams> = {
  id: 'forEach',
  version: 1,
  displayName: 'For each',
  category: 'flow',
  description: 'Runs a workflow per item.',
  params: forEachParams,
  ports: () => ['out'],
  execute: async (params) => ({
    suspend: {
      kind: 'children',
      workflowId: params.workflowId,
      children: params.items,
      concurrency: params.concurrency,
      wait: params.wait,
      collect: 'array',
    },
  }),
};

const subWorkflowParams = z.object({
  workflowId: z.string().min(1),
  input: z.unknown().optional(),
});
const subWorkflow: StepType<typeof subWorkflowParams> = {
  id: 'subWorkflow',
  version: 1,
  displayName: 'Sub-workflow',
  category: 'flow',
  description: 'Runs another workflow.',
  params: subWorkflowParams,
  ports: () => ['out'],
  execute: async (params) => ({
    suspend: {
      kind: 'children',
      workflowId: params.workflowId,
      children: [params.input],
      concurrency: 1,
      wait: true,
      collect: 'single',
    },
  }),
};

const respond: StepType<z.ZodObject<{ body: z.ZodUnknown }>> = {
  id: 'respond',
  version: 1,
  displayName: 'Respond',
  category: 'flow',
  description: 'Sets the run output.',
  params: z.object({ body: z.unknown() }),
  ports: () => ['out'],
  inline: true,
  execute: async (params) => ({ output: params.body }),
};

const exprParams = z.object({ expression: z.string() });
const expr: StepType<typeof exprParams> = {
  id: 'expr',
  version: 1,
  displayName: 'Expression',
  category: 'data',
  description: 'Evaluates a JSONata expression.',
  params: exprParams,
  paramKinds: { expression: 'expression' },
  ports: () => ['out'],
  inline: true,
  execute: async (params, ctx) => ({ output: await ctx.evaluate(params.expression) }),
};

export const fakeStepTypes: StepType[] = [
  trigger,
  set,
  ifStep,
  switchStep,
  merge,
  fail,
  flaky,
  hang,
  delay,
  forEach,
  subWorkflow,
  respond,
  expr,
] as StepType[];

export function createRegistry(types: StepType[] = fakeStepTypes): StepRegistry {
  const byId = new Map(types.map((t) => [t.id, t]));
  return { get: (id) => byId.get(id), list: () => [...byId.values()] };
}

import { z } from 'zod';
import type { WorkflowDefinition } from '../definition/workflow.schema';
import type { Timer } from '../ports';
import { StepError, type StepRegistry, type StepType } from '../steps/step-type';
import type { MockAnswer, StepMock } from './test-file.schema';

/** Step types the test engine puts in place of mocked and unmocked I/O steps. */
export const MOCK_TYPE = 'test.mock';
export const UNMOCKED_TYPE = 'test.unmocked';

/** What the mocks saw during one case: calls per step, and I/O steps that were not mocked. */
export interface MockLedger {
  calls: Map<string, number>;
  unmocked: Set<string>;
}

export function unmockedMessage(nodeId: string): string {
  return `step ${nodeId} is not mocked`;
}

/**
 * The workflow as a test runs it: mocked steps answer from their mock instead of running
 * (their params are never resolved, so they need no secrets), and steps that would reach the
 * world unmocked fail instead of calling out. Retry, timeout and error-port settings stay.
 */
export function mockWorkflow(
  workflow: WorkflowDefinition,
  mocks: Readonly<Record<string, StepMock>>,
  registry: StepRegistry,
): WorkflowDefinition {
  return {
    ...workflow,
    nodes: workflow.nodes.map((node) => {
      if (Object.hasOwn(mocks, node.id)) return { ...node, type: MOCK_TYPE, params: {} };
      if (registry.get(node.type)?.io) return { ...node, type: UNMOCKED_TYPE, params: {} };
      return node;
    }),
  };
}

/** `registry` plus the two stand-in types, answering from `mocks` on `timer`'s time. */
export function mockRegistry(
  registry: StepRegistry,
  mocks: Readonly<Record<string, StepMock>>,
  timer: Timer,
  ledger: MockLedger,
): StepRegistry {
  const mockType: StepType = {
    id: MOCK_TYPE,
    version: 1,
    displayName: 'Mocked step',
    category: 'utility',
    description: 'Answers with the test case’s mock.',
    params: z.object({}),
    ports: () => [],
    async execute(_params, ctx) {
      const mock = mocks[ctx.nodeId];
      if (!mock) throw new StepError(unmockedMessage(ctx.nodeId), { retryable: false });
      const call = ledger.calls.get(ctx.nodeId) ?? 0;
      ledger.calls.set(ctx.nodeId, call + 1);
      const answer = answerFor(mock, call);
      if (answer.delayMs) await timer.sleep(answer.delayMs, ctx.signal);
      if (answer.error !== undefined) {
        const retryable = answer.retryable;
        throw new StepError(answer.error, retryable === undefined ? {} : { retryable });
      }
      return { output: answer.output, ...(answer.port ? { port: answer.port } : {}) };
    },
  };
  const unmockedType: StepType = {
    ...mockType,
    id: UNMOCKED_TYPE,
    displayName: 'Unmocked step',
    description: 'Refuses to reach the world from a test.',
    execute(_params, ctx) {
      ledger.unmocked.add(ctx.nodeId);
      return Promise.reject(new StepError(unmockedMessage(ctx.nodeId), { retryable: false }));
    },
  };
  return {
    get: (id) =>
      id === MOCK_TYPE ? mockType : id === UNMOCKED_TYPE ? unmockedType : registry.get(id),
    list: () => [...registry.list(), mockType, unmockedType],
  };
}

/** One answer per call; the last one answers every call after it. */
function answerFor(mock: StepMock, call: number): MockAnswer {
  const sequence = mock.sequence;
  if (!sequence) return mock;
  return sequence[Math.min(call, sequence.length - 1)] as MockAnswer;
}

import type { WorkflowDefinition } from '../definition/workflow.schema';
import type { FlagSet } from '../flags/evaluate-flag';
import type { Clock, ExpressionEvaluator, Sandbox } from '../ports';
import type { AttemptRecord } from '../run/attempt-record';
import type { InlineStepSummary } from '../run/inline-result';
import { runInline } from '../run/run-inline';
import type { StepRegistry } from '../steps/step-type';
import { createMemoryPorts } from '../testing/memory-ports';
import { createVirtualTime } from '../testing/virtual-time';
import { checkExpectations, type TestFailure } from './check-expectations';
import { forcedFlags, forceSplits } from './force-variants';
import { mockRegistry, mockWorkflow, unmockedMessage, type MockLedger } from './mock-steps';
import type { TestCase } from './test-file.schema';

export type { TestFailure } from './check-expectations';

/** Where the virtual clock starts when a case gives no `now`. */
export const DEFAULT_TEST_NOW = '2026-01-01T00:00:00.000Z';

export interface TestCaseRunOptions {
  workflow: WorkflowDefinition;
  /** How child runs and `run.workflowId` name the workflow. */
  workflowId: string;
  testCase: TestCase;
  registry: StepRegistry;
  /** Code steps run for real in it. */
  sandbox: Sandbox;
  expressions?: ExpressionEvaluator;
  /** Finds sub-workflows; their steps are mocked by node id too. */
  resolveWorkflow?: (workflowId: string) => WorkflowDefinition | Promise<WorkflowDefinition>;
  /** The workspace's flags, for `$flag()` and for variants forced by name. */
  flags?: FlagSet;
  /** Real time, only to report how long the case really took. */
  realClock?: Clock;
}

export interface TestCaseOutcome {
  name: string;
  passed: boolean;
  /** Empty when the case passed; the first one is the one to show. */
  failures: TestFailure[];
  status: 'succeeded' | 'failed' | 'cancelled';
  output?: unknown;
  error?: { message: string; nodeId?: string };
  steps: Record<string, InlineStepSummary>;
  attempts: AttemptRecord[];
  /** Time on the virtual clock from start to finish: delays and back-off count fully. */
  virtualMs: number;
  realMs: number;
}

/**
 * Runs one case: the workflow on virtual time from the case's `now`, with its mocks, secrets
 * and vars, randomness seeded from its name, nothing reaching the network; then checks what
 * it expects. Never throws for anything the workflow or the case does.
 */
export async function runTestCase(options: TestCaseRunOptions): Promise<TestCaseOutcome> {
  const { testCase } = options;
  const realStart = options.realClock?.now() ?? 0;
  const start = Date.parse(testCase.now ?? DEFAULT_TEST_NOW);
  const time = createVirtualTime(start);
  const memory = createMemoryPorts({
    secrets: testCase.secrets ?? {},
    seed: seedOf(testCase.name),
  });
  const mocks = testCase.mocks ?? {};
  const ledger: MockLedger = { calls: new Map(), unmocked: new Set() };
  const registry = mockRegistry(
    forceSplits(options.registry, testCase.split ?? {}),
    mocks,
    time.timer,
    ledger,
  );
  const real = options.sandbox;
  const sandbox: Sandbox = { run: (...args) => time.hold(real.run(...args)) };
  const evaluator = options.expressions;
  const expressions: ExpressionEvaluator | undefined = evaluator && {
    evaluate: (...args) => time.hold(evaluator.evaluate(...args)),
  };
  const resolve = options.resolveWorkflow;
  const mocked = (wf: WorkflowDefinition) => mockWorkflow(wf, mocks, options.registry);

  const base = {
    name: testCase.name,
    realMs: 0,
    virtualMs: 0,
    steps: {},
    attempts: [],
  };
  let outcome: TestCaseOutcome;
  try {
    const result = await runInline({
      workflow: mocked(options.workflow),
      registry,
      ports: {
        ...memory,
        sandbox,
        clock: time.clock,
        timer: time.timer,
        flags: forcedFlags(testCase.flags ?? {}, options.flags),
        ...(expressions ? { expressions } : {}),
      },
      input: testCase.input,
      runId: 'test',
      workflowId: options.workflowId,
      ...(testCase.vars ? { vars: testCase.vars } : {}),
      awaitDetached: true,
      ...(resolve
        ? {
            resolveWorkflow: async (id: string) =>
              mocked(await time.hold(Promise.resolve(resolve(id)))),
          }
        : {}),
    });
    const failures: TestFailure[] = [...ledger.unmocked].map((id) => ({
      path: `mocks.${id}`,
      message: unmockedMessage(id),
    }));
    failures.push(...(await checkExpectations(testCase.expect ?? {}, result)));
    outcome = {
      ...base,
      passed: failures.length === 0,
      failures,
      status: result.status,
      ...(result.output !== undefined ? { output: result.output } : {}),
      ...(result.error ? { error: result.error } : {}),
      steps: result.steps,
      attempts: result.attempts,
      virtualMs: time.clock.now() - start,
    };
  } catch (err) {
    const message = `The run broke: ${(err as Error).message}`;
    outcome = {
      ...base,
      passed: false,
      failures: [{ path: '', message }],
      status: 'failed',
      error: { message },
    };
  }
  outcome.realMs = (options.realClock?.now() ?? 0) - realStart;
  return outcome;
}

/** FNV-1a of the case name: the same case draws the same random numbers on every run. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

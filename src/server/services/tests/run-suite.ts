import { flagCache } from '../../flags/flag-listener';
import {
  caseWorkflowIssues,
  checkWorkflow,
  coverageOf,
  defaultRegistry,
  runTestCase,
  type Coverage,
  type TestCaseOutcome,
  type TestFailure,
  type WorkflowDefinition,
} from '@/engine';
import type { Db } from '../../db';
import { webRuntime } from '../../runtime/web-runtime';
import { storedCase } from './stored-test-case';

export interface SuiteCase {
  id: string;
  name: string;
  definition: unknown;
}

export interface CaseResult {
  id: string;
  name: string;
  passed: boolean;
  failures: TestFailure[];
  status: TestCaseOutcome['status'];
  output?: unknown;
  steps: Record<string, { status: string; attempts: number }>;
  virtualMs: number;
  realMs: number;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  cases: CaseResult[];
  coverage: Coverage;
}

/** How many cases run at once: each is in-memory work on virtual time. */
const CONCURRENCY = 8;

/**
 * Runs stored cases against a definition in this process: mocks instead of I/O, virtual
 * time, no Run rows, no webhooks, schedules or concurrency slots. Code steps use the web
 * process's sandbox and expressions its evaluator; sub-workflows are the workspace's
 * published versions.
 */
export async function runSuite(
  db: Db,
  workspaceId: string,
  workflowId: string,
  workflow: WorkflowDefinition,
  cases: readonly SuiteCase[],
): Promise<SuiteResult> {
  const ports = webRuntime().ports.forRun({ id: `test:${workflowId}`, workflowId }, 'test');
  // Cases may force flags by variant name and evaluate unforced ones: the workspace's flags.
  const flags = (await flagCache().forWorkspace(workspaceId)).set;
  const results: CaseResult[] = new Array<CaseResult>(cases.length);
  const runs: TestCaseOutcome['attempts'][] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const row = cases[index] as SuiteCase;
      const testCase = storedCase(row.definition);
      if (!testCase) {
        results[index] = invalidCase(row);
        continue;
      }
      const issues = caseWorkflowIssues({ ...testCase, mocks: {} }, workflow);
      const outcome = await runTestCase({
        workflow,
        workflowId,
        testCase,
        registry: defaultRegistry,
        flags,
        sandbox: ports.sandbox,
        ...(ports.expressions ? { expressions: ports.expressions } : {}),
        resolveWorkflow: (ref) => publishedDefinition(db, workspaceId, ref),
        realClock: { now: () => performance.now() },
      });
      runs.push(outcome.attempts);
      const failures = [
        ...issues.map((i) => ({ path: i.path, message: i.message })),
        ...outcome.failures,
      ];
      results[index] = {
        id: row.id,
        name: row.name,
        passed: failures.length === 0,
        failures,
        status: outcome.status,
        ...(outcome.output !== undefined ? { output: outcome.output } : {}),
        steps: Object.fromEntries(
          Object.entries(outcome.steps).map(([id, s]) => [
            id,
            { status: s.status, attempts: s.attempts },
          ]),
        ),
        virtualMs: outcome.virtualMs,
        realMs: Math.round(outcome.realMs),
      };
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, Math.max(1, cases.length)) }, worker),
  );
  const passed = results.filter((r) => r.passed).length;
  return {
    passed,
    failed: results.length - passed,
    cases: results,
    coverage: coverageOf(workflow, defaultRegistry, runs),
  };
}

/** What a case keeps of a run: enough to list it and show its first mismatches. */
export function lastResultOf(result: CaseResult, ranAt: Date, against: string) {
  return {
    passed: result.passed,
    status: result.status,
    failures: result.failures.slice(0, 20),
    virtualMs: result.virtualMs,
    realMs: result.realMs,
    ranAt: ranAt.toISOString(),
    against,
  };
}

function invalidCase(row: SuiteCase): CaseResult {
  return {
    id: row.id,
    name: row.name,
    passed: false,
    failures: [
      { path: '', message: 'The stored case no longer matches the test format: edit and save it' },
    ],
    status: 'failed',
    steps: {},
    virtualMs: 0,
    realMs: 0,
  };
}

/** A sub-workflow by id or name, as production runs it: its published version. */
async function publishedDefinition(
  db: Db,
  workspaceId: string,
  ref: string,
): Promise<WorkflowDefinition> {
  const found = await db.workflow.findFirst({
    where: { workspaceId, OR: [{ id: ref }, { name: ref }] },
    orderBy: { createdAt: 'asc' },
    select: { publishedVersionId: true },
  });
  const version = found?.publishedVersionId
    ? await db.workflowVersion.findFirst({
        where: { id: found.publishedVersionId, workspaceId },
        select: { definition: true },
      })
    : null;
  const parsed = version ? checkWorkflow(version.definition) : undefined;
  if (!parsed?.ok) throw new Error(`Sub-workflow "${ref}" not found or never published`);
  return parsed.workflow;
}

import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { Actor } from '../actor';
import { exemptRules, readWorkspacePolicy } from '../policies/workspace-policy';
import { runnableDraft, saveLastResults } from './run-test-cases';
import { runSuite } from './run-suite';

/** What a version keeps of the tests that ran when it was published. */
export interface VersionTestResults {
  passed: number;
  failed: number;
  coverage: number;
  required: boolean;
  cases: { name: string; passed: boolean; failure?: string }[];
  ranAt: string;
}

export interface PublishTests {
  /** The draft revision the tests ran on: publishing another one would skip them. */
  draftRevision: number;
  results: VersionTestResults | null;
}

/**
 * The publish gate: runs the workflow's cases against its draft before publishing. With
 * "require passing tests" on (or a workspace policy with a minimum test coverage), a failing case (or coverage below the minimum, or no cases at
 * all) refuses the publish, naming the failing cases. Either way the results go with the
 * version. A draft that does not validate is left for the publish itself to report.
 */
export async function runPublishTests(
  db: Db,
  actor: Actor,
  workflowId: string,
): Promise<PublishTests | null> {
  const workflow = await db.workflow.findFirst({
    where: { id: workflowId, workspaceId: actor.workspaceId },
    select: {
      id: true,
      draft: true,
      draftRevision: true,
      requireTestsToPublish: true,
      minTestCoverage: true,
    },
  });
  if (!workflow) return null;
  const cases = await db.testCase.findMany({
    where: { workflowId: workflow.id, workspaceId: actor.workspaceId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, definition: true },
  });
  const policyMin = await policyCoverage(db, actor.workspaceId, workflow.id);
  const required = workflow.requireTestsToPublish || policyMin !== undefined;
  if (cases.length === 0) {
    if (required) {
      throw new AppError(
        'BAD_REQUEST',
        'Cannot publish: this workflow requires passing tests and has none',
      );
    }
    return { draftRevision: workflow.draftRevision, results: null };
  }
  let definition;
  try {
    definition = runnableDraft(workflow.draft);
  } catch {
    return null;
  }
  const suite = await runSuite(db, actor.workspaceId, workflow.id, definition, cases);
  await saveLastResults(db, suite, 'publish');
  const percent = suite.coverage.percent;
  if (required) {
    const failing = suite.cases.filter((c) => !c.passed);
    if (failing.length > 0) {
      const listed = failing.slice(0, 10).map((c) => {
        const first = c.failures[0];
        return `"${c.name}" (${first ? `${first.path || 'run'}: ${first.message}` : 'failed'})`;
      });
      const more = failing.length > 10 ? `; and ${failing.length - 10} more` : '';
      throw new AppError(
        'BAD_REQUEST',
        `Cannot publish: ${failing.length} of ${suite.cases.length} tests failed: ${listed.join('; ')}${more}`,
      );
    }
    const min = Math.max(workflow.minTestCoverage ?? 0, policyMin ?? 0);
    if (percent < min) {
      throw new AppError(
        'BAD_REQUEST',
        `Cannot publish: test coverage is ${percent}%, below the required ${min}%`,
      );
    }
  }
  return {
    draftRevision: workflow.draftRevision,
    results: {
      passed: suite.passed,
      failed: suite.failed,
      coverage: percent,
      required,
      cases: suite.cases.map((c) => {
        const first = c.failures[0];
        return {
          name: c.name,
          passed: c.passed,
          ...(first ? { failure: `${first.path || 'run'}: ${first.message}` } : {}),
        };
      }),
      ranAt: new Date().toISOString(),
    },
  };
}

/** The coverage the workspace's policy demands of this workflow; undefined: none. */
async function policyCoverage(
  db: Db,
  workspaceId: string,
  workflowId: string,
): Promise<number | undefined> {
  const { minTestCoverage } = await readWorkspacePolicy(db, workspaceId);
  if (minTestCoverage === undefined) return undefined;
  return (await exemptRules(db, workflowId)).includes('minTestCoverage')
    ? undefined
    : minTestCoverage;
}

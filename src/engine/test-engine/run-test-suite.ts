import type { TestCaseOutcome, TestCaseRunOptions } from './run-test-case';
import { runTestCase } from './run-test-case';
import type { TestCase } from './test-file.schema';

export interface TestSuiteRunOptions extends Omit<TestCaseRunOptions, 'testCase'> {
  cases: readonly TestCase[];
  /** Only cases whose name contains this text (case-insensitive). */
  filter?: string;
  /** Cases in flight at once; each has its own virtual clock, so they never interfere. */
  concurrency?: number;
}

/** Runs the cases (those matching `filter`), results in the cases' order. */
export async function runTestSuite(options: TestSuiteRunOptions): Promise<TestCaseOutcome[]> {
  const { cases, filter, concurrency = 32, ...shared } = options;
  const wanted = filter?.toLowerCase();
  const selected = wanted ? cases.filter((c) => c.name.toLowerCase().includes(wanted)) : cases;
  const outcomes: TestCaseOutcome[] = new Array<TestCaseOutcome>(selected.length);
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      outcomes[index] = await runTestCase({ ...shared, testCase: selected[index] as TestCase });
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, selected.length)) }, worker),
  );
  return outcomes;
}

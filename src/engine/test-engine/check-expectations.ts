import { compileExpression } from '../expr/compile';
import type { InlineRunResult } from '../run/inline-result';
import { partialMatch } from './partial-match';
import type { Expectation } from './test-file.schema';

/** One way a case's run differs from what the case expects. */
export interface TestFailure {
  /** Where in the expectation: `status`, `output.total`, `steps.fetch.attempts`, `assert[0]`. */
  path: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

/** What `assert` expressions see. */
export function assertionData(
  result: Pick<InlineRunResult, 'status' | 'output' | 'steps' | 'error'>,
) {
  return { status: result.status, output: result.output, steps: result.steps, error: result.error };
}

/** Every expectation the run does not meet, in the order the case lists them. */
export async function checkExpectations(
  expect: Expectation,
  result: Pick<InlineRunResult, 'status' | 'output' | 'steps' | 'error'>,
): Promise<TestFailure[]> {
  const failures: TestFailure[] = [];
  if (expect.status !== undefined && expect.status !== result.status) {
    failures.push({
      path: 'status',
      message: result.error
        ? `run ${result.status}: ${result.error.message}`
        : `run ${result.status}`,
      expected: expect.status,
      actual: result.status,
    });
  }
  if (expect.output !== undefined) {
    const found = partialMatch(expect.output, result.output);
    if (found) failures.push({ ...found, path: under('output', found.path) });
  }
  for (const [id, step] of Object.entries(expect.steps ?? {})) {
    const actual = result.steps[id];
    const at = `steps.${id}`;
    const status = actual?.status ?? 'pending';
    if (step.status !== undefined && step.status !== status) {
      const why = actual?.error ? `: ${actual.error.message}` : '';
      failures.push({
        path: `${at}.status`,
        message: `step ${status}${why}`,
        expected: step.status,
        actual: status,
      });
    }
    const attempts = actual?.attempts ?? 0;
    if (step.attempts !== undefined && step.attempts !== attempts) {
      failures.push({
        path: `${at}.attempts`,
        message: 'not equal',
        expected: step.attempts,
        actual: attempts,
      });
    }
    if (step.output !== undefined) {
      const found = partialMatch(step.output, actual?.output);
      if (found) failures.push({ ...found, path: under(`${at}.output`, found.path) });
    }
    if (step.error !== undefined) {
      const message = actual?.error?.message;
      if (message === undefined || !message.includes(step.error)) {
        failures.push({
          path: `${at}.error`,
          message: message === undefined ? 'the step has no error' : 'does not contain the text',
          expected: step.error,
          actual: message,
        });
      }
    }
  }
  const data = assertionData(result);
  for (const [i, source] of (expect.assert ?? []).entries()) {
    const path = `assert[${i}]`;
    try {
      const value: unknown = await compileExpression(source).evaluate(data);
      if (value !== true) {
        failures.push({ path, message: `${source} is not true`, expected: true, actual: value });
      }
    } catch (err) {
      failures.push({ path, message: (err as Error).message });
    }
  }
  return failures;
}

function under(base: string, path: string): string {
  if (path === '') return base;
  return path.startsWith('[') ? base + path : `${base}.${path}`;
}

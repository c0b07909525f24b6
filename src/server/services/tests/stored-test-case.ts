import { checkTestCase, type TestCase } from '@/engine';
import { AppError } from '../../errors';

/** A case as stored: parsed again on the way out, so old rows meet today's schema. */
export function storedCase(definition: unknown): TestCase | undefined {
  const checked = checkTestCase(definition);
  return checked.ok ? checked.testCase : undefined;
}

/** The case format, or each problem named by its path under `at` (`testCase`, `cases[2]`). */
export function checkCaseAt(
  value: unknown,
  at: string,
): { ok: true; testCase: TestCase } | { ok: false; problems: string[] } {
  const checked = checkTestCase(value);
  if (checked.ok) return { ok: true, testCase: checked.testCase };
  const problems = checked.errors.map((e) => {
    const path = e.path === '' ? '' : e.path.startsWith('[') ? e.path : `.${e.path}`;
    return `${at}${path}: ${e.message}`;
  });
  return { ok: false, problems };
}

/** The case format, or a bad-input error naming each problem's path under `testCase`. */
export function validCase(value: unknown): TestCase {
  const checked = checkCaseAt(value, 'testCase');
  if (checked.ok) return checked.testCase;
  throw new AppError('BAD_REQUEST', checked.problems.slice(0, 10).join('; '));
}

import { checkTestCase, type TestCase } from '@/engine';
import { AppError } from '../../errors';

/** A case as stored: parsed again on the way out, so old rows meet today's schema. */
export function storedCase(definition: unknown): TestCase | undefined {
  const checked = checkTestCase(definition);
  return checked.ok ? checked.testCase : undefined;
}

/** The case format, or a bad-input error naming each problem's path under `testCase`. */
export function validCase(value: unknown): TestCase {
  const checked = checkTestCase(value);
  if (checked.ok) return checked.testCase;
  const problems = checked.errors.slice(0, 10).map((e) => {
    const at =
      e.path === ''
        ? 'testCase'
        : e.path.startsWith('[')
          ? `testCase${e.path}`
          : `testCase.${e.path}`;
    return `${at}: ${e.message}`;
  });
  throw new AppError('BAD_REQUEST', problems.join('; '));
}

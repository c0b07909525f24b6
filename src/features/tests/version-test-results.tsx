/** What a version keeps of the tests that ran when it was published (see publish-tests.ts). */
interface VersionTestResults {
  passed: number;
  failed: number;
  coverage: number;
  required: boolean;
  cases: { name: string; passed: boolean; failure?: string }[];
}

function isResults(value: unknown): value is VersionTestResults {
  const v = value as Partial<VersionTestResults> | null;
  return typeof v?.passed === 'number' && typeof v.failed === 'number' && Array.isArray(v.cases);
}

/** One line in the version history: how the tests went when the version was published. */
export function VersionTestResultsLine({ results }: { results: unknown }) {
  if (!isResults(results)) return null;
  const failing = results.cases.filter((c) => !c.passed);
  return (
    <details className="text-xs">
      <summary className={results.failed > 0 ? 'text-red-700' : 'text-emerald-700'}>
        Tests: {results.passed} passed, {results.failed} failed · coverage {results.coverage}%
        {results.required ? ' · required to publish' : ''}
      </summary>
      <ul className="mt-1 space-y-0.5 pl-3">
        {(failing.length > 0 ? failing : results.cases).map((c) => (
          <li key={c.name}>
            {c.passed ? '✓' : '✗'} {c.name}
            {c.failure ? <span className="text-slate-500"> — {c.failure}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

import type { TestFailure } from '@/engine';

const show = (value: unknown) =>
  value === undefined ? '(nothing)' : JSON.stringify(value, null, 2);

/** Each way a case's run differed from what it expects: where, why, expected and actual. */
export function FailureList({ failures }: { failures: readonly TestFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <ul aria-label="Mismatches" className="mt-2 space-y-2">
      {failures.map((failure, i) => (
        <li key={i} className="rounded border border-red-200 bg-red-50 p-2 text-xs">
          <p className="font-mono font-medium text-red-800">
            {failure.path || '(run)'}: {failure.message}
          </p>
          {'expected' in failure || 'actual' in failure ? (
            <dl className="mt-1 grid grid-cols-[5rem_minmax(0,1fr)] gap-x-2 font-mono">
              <dt className="text-slate-600">expected</dt>
              <dd className="whitespace-pre-wrap break-all text-emerald-800" data-testid="expected">
                {show(failure.expected)}
              </dd>
              <dt className="text-slate-600">actual</dt>
              <dd className="whitespace-pre-wrap break-all text-red-800" data-testid="actual">
                {show(failure.actual)}
              </dd>
            </dl>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

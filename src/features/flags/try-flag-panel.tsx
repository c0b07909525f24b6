'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';

/** Evaluates the flag for a context typed in, and says which rule served and why others did not. */
export function TryFlagPanel({ flagKey }: { flagKey: string }) {
  const trpc = useTRPC();
  const ids = { title: useId(), context: useId(), error: useId() };
  const [text, setText] = useState('{ "targetingKey": "user-1" }');
  const [context, setContext] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const result = useQuery({
    ...trpc.flag.try.queryOptions({
      key: flagKey,
      context: (context ?? {}) as Record<string, never>,
    }),
    enabled: context !== null,
  });
  const evaluate = () => {
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new Error('must be an object');
      setContext(value as Record<string, unknown>);
      setError(null);
    } catch (err) {
      setError(`Context: ${(err as Error).message}`);
    }
  };
  const data = result.data;
  return (
    <section
      aria-labelledby={ids.title}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={ids.title} className="text-lg font-semibold">
        Try it
      </h2>
      <label htmlFor={ids.context} className="block text-sm font-medium text-slate-700">
        Evaluation context (JSON)
      </label>
      <textarea
        id={ids.context}
        value={text}
        rows={3}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? ids.error : undefined}
        onChange={(e) => setText(e.target.value)}
        className="block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
      />
      {error ? (
        <p id={ids.error} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button variant="secondary" onClick={evaluate}>
        Evaluate
      </Button>
      {result.error ? (
        <p role="alert" className="text-sm text-red-700">
          {result.error.message}
        </p>
      ) : null}
      {data ? (
        <div aria-live="polite" className="space-y-1 text-sm">
          <p>
            Served <strong>{data.evaluation.variant ?? '—'}</strong> (
            {JSON.stringify(data.evaluation.value)}): {data.evaluation.reason}
            {data.evaluation.ruleIndex !== undefined
              ? `, rule ${data.evaluation.ruleIndex + 1}`
              : ''}
          </p>
          <ul className="list-disc pl-5 text-slate-600">
            {data.trace.map((t) => (
              <li key={t.ruleIndex}>
                Rule {t.ruleIndex + 1}:{' '}
                {t.matched
                  ? 'matched'
                  : t.missingAttribute
                    ? `skipped, the context has no “${t.missingAttribute}”`
                    : `condition ${(t.failedCondition ?? 0) + 1} did not hold`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

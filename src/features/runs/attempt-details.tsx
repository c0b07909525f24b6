'use client';

import type { AttemptView } from '@/engine';
import { formatDuration } from './format-duration';
import { JsonViewer } from './json-viewer';
import { StatusBadge } from './status-badge';

/** One attempt of one step: why it failed, its settings as resolved, what it produced, its logs. */
export function AttemptDetails({
  stepName,
  attempt,
  open,
}: {
  stepName: string;
  attempt: AttemptView;
  open: boolean;
}) {
  const name = `${stepName} attempt ${attempt.attempt}`;
  return (
    <details
      open={open}
      aria-label={`Step ${name}`}
      className="@container rounded-md border border-slate-200 bg-white"
    >
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-1.5 text-sm">
        <span>Attempt {attempt.attempt}</span>
        <StatusBadge status={attempt.status} />
        {attempt.durationMs !== undefined ? (
          <span className="text-slate-500">{formatDuration(attempt.durationMs)}</span>
        ) : null}
        {attempt.cached ? (
          <span
            title="Served from the step result cache: the step did not run"
            className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-800"
          >
            Cached
          </span>
        ) : null}
      </summary>
      <div className="grid gap-3 border-t border-slate-200 p-3 @xl:grid-cols-2">
        {attempt.error ? (
          <section
            role="group"
            aria-label={`Error of ${name}`}
            className="space-y-1 rounded bg-red-50 p-2 @xl:col-span-2"
          >
            <p className="break-words text-sm font-medium text-red-800">{attempt.error.message}</p>
            {attempt.error.stack ? (
              <pre
                aria-label={`Stack of ${name}`}
                className="max-h-60 overflow-auto whitespace-pre-wrap rounded bg-red-950 p-2 text-xs text-red-100"
              >
                {attempt.error.stack}
              </pre>
            ) : null}
            {attempt.error.details !== undefined ? (
              <JsonViewer
                value={attempt.error.details}
                label={`Error details of ${name}`}
                openDepth={0}
              />
            ) : null}
          </section>
        ) : null}
        <section>
          <h4 className="mb-1 text-xs font-medium text-slate-600">Settings (resolved)</h4>
          {'input' in attempt ? (
            <JsonViewer value={attempt.input} label={`Settings of ${name}`} />
          ) : (
            <p className="text-xs text-slate-500">Not recorded.</p>
          )}
        </section>
        <section>
          <h4 className="mb-1 text-xs font-medium text-slate-600">Output</h4>
          {'output' in attempt || !attempt.error ? (
            <JsonViewer value={attempt.output ?? null} label={`Output of ${name}`} />
          ) : (
            <p className="text-xs text-slate-500">None: the attempt failed.</p>
          )}
        </section>
        <section className="@xl:col-span-2">
          <h4 className="mb-1 text-xs font-medium text-slate-600">Logs</h4>
          <Logs logs={attempt.logs} />
        </section>
      </div>
    </details>
  );
}

interface LogLine {
  at?: number;
  level?: string;
  message?: string;
  fields?: Record<string, unknown>;
}

function Logs({ logs }: { logs: unknown }) {
  const lines = Array.isArray(logs) ? (logs as unknown[]) : [];
  if (lines.length === 0) return <p className="text-xs text-slate-500">Nothing logged.</p>;
  return (
    <ol
      aria-label="Logs"
      className="max-h-60 space-y-0.5 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs break-words text-slate-100"
    >
      {lines.map((item, i) => {
        if (typeof item !== 'object' || item === null) return <li key={i}>{String(item)}</li>;
        const line = item as LogLine;
        return (
          <li key={i}>
            {typeof line.at === 'number' ? (
              <span className="text-slate-400">
                {new Date(line.at).toISOString().slice(11, 23)}{' '}
              </span>
            ) : null}
            {line.level ? <span className="text-amber-300 uppercase">{line.level} </span> : null}
            {line.message ?? JSON.stringify(item)}
            {line.fields && Object.keys(line.fields).length > 0 ? (
              <span className="text-slate-400"> {JSON.stringify(line.fields)}</span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

'use client';

import { JsonViewer } from './json-viewer';
import { StatusBadge } from './status-badge';

export interface StepAttemptDetail {
  nodeId: string;
  attempt: number;
  status: string;
  input: unknown;
  output: unknown;
  error: unknown;
  logs: unknown;
  durationMs: number | null;
}

interface LogLine {
  at?: number;
  level?: string;
  message?: string;
  fields?: unknown;
}

function stackOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const details = (error as { details?: unknown }).details;
  const stack = (details as { stack?: unknown } | undefined)?.stack;
  return typeof stack === 'string' ? stack : undefined;
}

function Logs({ logs }: { logs: unknown }) {
  const lines = Array.isArray(logs) ? (logs as LogLine[]) : [];
  if (lines.length === 0) return <p className="text-xs text-slate-500">Nothing logged.</p>;
  return (
    <ol
      aria-label="Logs"
      className="space-y-0.5 rounded bg-slate-900 p-2 font-mono text-xs text-slate-100"
    >
      {lines.map((line, i) => (
        <li key={i}>
          <span className="text-slate-400">
            {line.at ? new Date(line.at).toISOString().slice(11, 23) : ''}{' '}
          </span>
          <span className="uppercase text-amber-300">{line.level}</span> {line.message}
          {line.fields && Object.keys(line.fields).length ? (
            <span className="text-slate-400"> {JSON.stringify(line.fields)}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** One attempt of one step: what it was given, what it produced or why it failed, its logs. */
export function StepDetails({ step, open }: { step: StepAttemptDetail; open: boolean }) {
  const stack = stackOf(step.error);
  const name = `${step.nodeId} attempt ${step.attempt}`;
  return (
    <details
      open={open}
      className="rounded-lg border border-slate-200 bg-white"
      aria-label={`Step ${name}`}
    >
      <summary className="flex cursor-pointer items-center gap-3 px-4 py-2 text-sm">
        <span className="font-mono">{step.nodeId}</span>
        <span className="text-slate-500">attempt {step.attempt}</span>
        <StatusBadge status={step.status} />
        {step.durationMs !== null ? (
          <span className="text-slate-500">{step.durationMs} ms</span>
        ) : null}
      </summary>
      <div className="grid gap-3 border-t border-slate-200 p-4 md:grid-cols-2">
        <section>
          <h4 className="mb-1 text-xs font-medium text-slate-600">Input</h4>
          <JsonViewer value={step.input ?? null} label={`Input of ${name}`} />
        </section>
        <section>
          <h4 className="mb-1 text-xs font-medium text-slate-600">
            {step.error ? 'Error' : 'Output'}
          </h4>
          <JsonViewer
            value={step.error ?? step.output ?? null}
            label={`${step.error ? 'Error' : 'Output'} of ${name}`}
          />
          {stack ? (
            <pre
              aria-label={`Stack of ${name}`}
              className="mt-2 overflow-auto rounded bg-red-950 p-2 text-xs text-red-100"
            >
              {stack}
            </pre>
          ) : null}
        </section>
        <section className="md:col-span-2">
          <h4 className="mb-1 text-xs font-medium text-slate-600">Logs</h4>
          <Logs logs={step.logs} />
        </section>
      </div>
    </details>
  );
}

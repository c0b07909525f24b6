'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, type JSX } from 'react';
import { Button } from '@/components/ui/button';
import { isRunFinal } from '@/engine';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../../live/use-run-events';
import { StatusBadge } from '../../runs/status-badge';
import { JsonTree } from './json-tree';
import { stepDetailData, type AttemptDetail } from './step-detail-data';

export interface StepDetailsProps {
  runId: string;
  nodeId: string;
  onClose: () => void;
}

const duration = (ms: number | null) => (ms === null ? '—' : `${ms} ms`);

/** One node of one run: status, every attempt, and the latest attempt's data. */
export function StepDetails(props: StepDetailsProps): JSX.Element {
  const trpc = useTRPC();
  const id = useId();
  const run = useQuery(trpc.run.get.queryOptions({ id: props.runId }));
  useLiveInvalidate({ runId: props.runId }, [trpc.run.get.queryKey({ id: props.runId })], {
    enabled: !(run.data && isRunFinal(run.data.status)),
  });
  const data = run.data ? stepDetailData(run.data, props.nodeId) : null;
  const last = data?.attempts.at(-1);
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 p-3">
      <div className="flex items-start justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {data ? data.name : props.nodeId}
          {data?.type ? <span className="ml-2 text-xs text-slate-500">{data.type}</span> : null}
        </h2>
        <Button variant="ghost" aria-label="Close step details" onClick={props.onClose}>
          ✕
        </Button>
      </div>
      {run.isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {run.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {run.error.message}
        </p>
      ) : null}
      {data ? (
        <>
          <p className="flex items-center gap-2 text-sm">
            <span aria-label="Step status">
              <StatusBadge status={data.overlay?.status ?? 'pending'} />
            </span>
            <span className="text-slate-500">
              {data.attempts.length === 1 ? '1 attempt' : `${data.attempts.length} attempts`}
            </span>
          </p>
          {data.attempts.length > 1 ? <AttemptTable attempts={data.attempts} /> : null}
          {last ? (
            <AttemptData attempt={last} />
          ) : (
            <p className="text-sm text-slate-500">This step has not run.</p>
          )}
        </>
      ) : null}
    </section>
  );
}

function AttemptTable({ attempts }: { attempts: AttemptDetail[] }) {
  return (
    <table className="w-full text-left text-xs" aria-label="Attempts">
      <thead className="text-slate-500">
        <tr>
          <th scope="col">#</th>
          <th scope="col">Status</th>
          <th scope="col">Duration</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr key={a.attempt} className="align-top">
            <td>{a.attempt}</td>
            <td>{a.status}</td>
            <td>{duration(a.durationMs)}</td>
            <td className="break-all text-red-800">{a.error?.message ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AttemptData({ attempt }: { attempt: AttemptDetail }) {
  return (
    <div className="space-y-2 text-sm">
      <p className="text-xs text-slate-500">
        Attempt {attempt.attempt} · {duration(attempt.durationMs)}
      </p>
      {attempt.error ? (
        <div role="group" aria-label="Error" className="rounded bg-red-50 p-2">
          <p className="font-medium text-red-800">{attempt.error.message}</p>
          {attempt.error.stack ? (
            <details>
              <summary className="cursor-pointer text-xs text-red-700">Stack trace</summary>
              <pre className="overflow-auto whitespace-pre-wrap text-xs text-red-900">
                {attempt.error.stack}
              </pre>
            </details>
          ) : null}
          {attempt.error.details !== undefined ? (
            <JsonTree label="details" value={attempt.error.details} openDepth={0} />
          ) : null}
        </div>
      ) : null}
      {'input' in attempt ? <Block title="Input" value={attempt.input} /> : null}
      <Block title="Output" value={attempt.output} />
      {'logs' in attempt ? <Logs logs={attempt.logs} /> : null}
    </div>
  );
}

function Block({ title, value }: { title: string; value: unknown }) {
  return (
    <div role="group" aria-label={title}>
      <h3 className="text-xs font-medium text-slate-600">{title}</h3>
      <JsonTree label={title.toLowerCase()} value={value} />
    </div>
  );
}

interface LogLine {
  level?: unknown;
  message?: unknown;
  time?: unknown;
}

function Logs({ logs }: { logs: unknown }) {
  const lines = Array.isArray(logs) ? (logs as unknown[]) : null;
  const readable = lines?.every(
    (l) => typeof l === 'string' || (typeof l === 'object' && l !== null && 'message' in l),
  );
  return (
    <div role="group" aria-label="Logs">
      <h3 className="text-xs font-medium text-slate-600">Logs</h3>
      {lines && readable ? (
        <ol className="rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">
          {lines.map((line, i) => {
            if (typeof line === 'string') return <li key={i}>{line}</li>;
            const entry = line as LogLine;
            const rest = Object.fromEntries(
              Object.entries(entry).filter(([k]) => !['level', 'message', 'time'].includes(k)),
            );
            return (
              <li key={i}>
                {typeof entry.level === 'string' ? `[${entry.level}] ` : ''}
                {String(entry.message)}
                {Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : ''}
              </li>
            );
          })}
        </ol>
      ) : (
        <JsonTree label="logs" value={logs} />
      )}
    </div>
  );
}

'use client';

import { useId } from 'react';
import type { NodeView } from '@/engine';
import { Button } from '@/components/ui/button';
import { AttemptDetails } from './attempt-details';
import { JsonViewer } from './json-viewer';
import { StatusBadge } from './status-badge';

/** Which attempts start unfolded: every one, the latest (and failures), or failures only. */
export type OpenAttempts = 'all' | 'latest' | 'failed';

/**
 * One step of one run, on the run page and in the designer's test run: where it stands
 * (from the run's state) and every recorded attempt.
 */
export function StepDetails({
  node,
  open,
  onClose,
}: {
  node: NodeView;
  open: OpenAttempts;
  onClose?: () => void;
}) {
  const id = useId();
  const latest = node.history.at(-1)?.attempt;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={`${id}-title`} className="min-w-0 text-base font-semibold break-words">
          {node.name}
          <span className="ml-2 text-xs font-normal text-slate-500">{node.type}</span>
        </h3>
        {onClose ? (
          <Button variant="ghost" aria-label="Close step details" onClick={onClose}>
            ✕
          </Button>
        ) : null}
      </div>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span aria-label="Step status">
          <StatusBadge status={node.status} />
        </span>
        <span className="text-slate-500">
          {node.attempts === 1 ? '1 attempt' : `${node.attempts} attempts`}
        </span>
        {node.waitingUntil !== undefined ? (
          <span className="text-slate-500">waiting until {clockTime(node.waitingUntil)}</span>
        ) : null}
        {node.retryAt !== undefined ? (
          <span className="text-slate-500">next attempt at {clockTime(node.retryAt)}</span>
        ) : null}
      </p>
      {'received' in node ? (
        <details className="rounded-md border border-slate-200 bg-white">
          <summary className="cursor-pointer px-3 py-1.5 text-sm">
            Received{' '}
            <span className="text-xs text-slate-500">(prev: the step before&apos;s output)</span>
          </summary>
          <div className="border-t border-slate-200 p-3">
            <JsonViewer value={node.received} label={`Received by ${node.name}`} />
          </div>
        </details>
      ) : null}
      {node.history.length === 0 ? (
        <p className="text-sm text-slate-500">No attempt of this step has been recorded.</p>
      ) : (
        node.history.map((attempt) => (
          <AttemptDetails
            key={attempt.attempt}
            stepName={node.name}
            attempt={attempt}
            open={
              open === 'all' ||
              attempt.status === 'failed' ||
              (open === 'latest' && attempt.attempt === latest)
            }
          />
        ))
      )}
    </section>
  );
}

/** UTC, like the log lines: the same on the server's first render and in the browser. */
function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

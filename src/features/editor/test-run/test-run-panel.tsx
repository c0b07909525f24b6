'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useMemo, useRef, useState, type JSX } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage, isRunFinal, runView, type RunView, type WorkflowDefinition } from '@/engine';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../../live/use-run-events';
import { StatusBadge } from '../../runs/status-badge';
import { useWorkspace } from '../../shell/workspace-context';
import type { WebhookParams } from '../webhook/webhook-address';
import { RequestEditor } from './request-editor';
import { defaultRequest, requestInputText } from './request-input';

/** The test run the canvas and the step details show. */
export interface TestRun {
  runId: string;
  view: RunView;
}

export interface TestRunPanelProps {
  workflowId: string;
  canRun: boolean;
  onRunState: (run: TestRun | null) => void;
  /** The Webhook Trigger's params when the workflow starts with one: input is a request. */
  webhook?: WebhookParams;
}

type ParsedInput = { ok: true; value: unknown } | { ok: false; error: string };

function parseInput(text: string): ParsedInput {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${(err as Error).message}` };
  }
}

/**
 * Runs the published version with an input and follows it, reporting the run's view (each
 * node's status and attempts) to the canvas and the step details until the run finishes.
 */
export function TestRunPanel(props: TestRunPanelProps): JSX.Element {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const id = useId();
  const [inputText, setInputText] = useState(() =>
    props.webhook ? (requestInputText(defaultRequest(props.webhook)) ?? '{}') : '{}',
  );
  const [runId, setRunId] = useState<string | null>(null);
  const input = parseInput(inputText);

  const versions = useQuery(trpc.workflow.versions.queryOptions({ id: props.workflowId }));
  const published = versions.data?.find((v) => v.published);
  const start = useMutation(
    trpc.run.start.mutationOptions({ onSuccess: (started) => setRunId(started.runId) }),
  );
  const run = useQuery({
    ...trpc.run.get.queryOptions({ id: runId ?? '' }),
    enabled: runId !== null,
  });
  useLiveInvalidate({ runId: runId ?? undefined }, [trpc.run.get.queryKey({ id: runId ?? '' })], {
    enabled: runId !== null && !(run.data && isRunFinal(run.data.status)),
  });

  const data = run.data;
  const testRun = useMemo<TestRun | null>(
    () =>
      data
        ? {
            runId: data.id,
            view: runView({
              definition: data.version.definition as WorkflowDefinition,
              state: data.state,
              attempts: data.steps,
              now: data.finishedAt?.getTime() ?? run.dataUpdatedAt,
            }),
          }
        : null,
    [data, run.dataUpdatedAt],
  );
  const report = useRef(props.onRunState);
  useEffect(() => {
    report.current = props.onRunState;
  }, [props.onRunState]);
  useEffect(() => {
    report.current(testRun);
  }, [testRun]);
  useEffect(() => () => report.current(null), []);

  const errorId = `${id}-input-error`;
  const runError = start.error ?? run.error;
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 p-3">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Test run
      </h2>
      {versions.isSuccess && !published ? (
        <p className="rounded bg-amber-50 p-2 text-sm text-amber-900">
          Test runs execute the published version, and this workflow has never been published.
          Publish it first.
        </p>
      ) : published ? (
        <p className="text-xs text-slate-500">
          Runs the published version v{published.number}, not unpublished draft changes.
        </p>
      ) : null}
      {props.webhook ? (
        <RequestEditor webhook={props.webhook} disabled={!props.canRun} onInput={setInputText} />
      ) : null}
      <div>
        <label htmlFor={`${id}-input`} className="block text-sm font-medium text-slate-700">
          Run input (JSON)
        </label>
        <textarea
          id={`${id}-input`}
          rows={5}
          spellCheck={false}
          value={inputText}
          disabled={!props.canRun}
          onChange={(e) => setInputText(e.target.value)}
          aria-invalid={input.ok ? undefined : true}
          aria-describedby={input.ok ? undefined : errorId}
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs disabled:bg-slate-50"
        />
        {input.ok ? null : (
          <p id={errorId} role="alert" className="text-xs text-red-700">
            {input.error}
          </p>
        )}
      </div>
      <div className="flex items-center gap-2">
        <Button
          disabled={!props.canRun || !published || !input.ok || start.isPending}
          onClick={() => {
            if (input.ok) start.mutate({ workflowId: props.workflowId, input: input.value });
          }}
        >
          {start.isPending ? 'Starting…' : 'Run'}
        </Button>
        {runId ? (
          <Button variant="ghost" onClick={() => setRunId(null)}>
            Clear results
          </Button>
        ) : null}
      </div>
      {props.canRun ? null : (
        <p className="text-xs text-slate-500">Running a workflow needs the operator role.</p>
      )}
      {runError ? (
        <p role="alert" className="text-sm text-red-700">
          {runError.message}
        </p>
      ) : null}
      {run.data ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
          <span aria-label="Test run status">
            <StatusBadge status={run.data.status} />
          </span>
          <Link
            href={`/w/${workspace.slug}/runs/${run.data.id}`}
            className="text-brand-700 hover:underline"
          >
            Open run page
          </Link>
          {run.data.error ? (
            <span className="text-red-700">{errorMessage(run.data.error)}</span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

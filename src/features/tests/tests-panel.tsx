'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { checkTestCase, type Coverage, type TestCase, type TestFailure } from '@/engine';
import type { AppRouter } from '@/server/api/root';
import { useTRPC } from '@/trpc/react';
import { FailureList } from './failure-list';
import { PublishGateSettings } from './publish-gate-settings';
import { TestCaseEditor } from './test-case-editor';
import { TestFileIo } from './test-file-io';

type Outputs = inferRouterOutputs<AppRouter>['test'];
type Row = Outputs['list'][number];
type RunResult = Outputs['run'];

interface CaseResult {
  passed: boolean;
  failures: TestFailure[];
}

export interface TestsPanelProps {
  workflowId: string;
  workflowName: string;
  canEdit: boolean;
  canRun: boolean;
  gate: { required: boolean; minCoverage: number | null };
  /** The latest suite's coverage, for the canvas; null to clear it. */
  onCoverage: (coverage: Coverage | null) => void;
  /** Switches to the designer with the coverage shown. */
  onShowCoverage: () => void;
}

/**
 * The workflow's test cases with their latest results: create and edit them, run one or all
 * against the current draft and see each mismatch, and set the publish gate.
 */
export function TestsPanel(props: TestsPanelProps) {
  const { workflowId, canEdit, canRun } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.test.list.queryOptions({ workflowId }));
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [results, setResults] = useState<Record<string, CaseResult>>({});
  const [suite, setSuite] = useState<RunResult | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.test.list.queryKey({ workflowId }) });

  const saved = {
    onSuccess: async () => {
      setEditing(null);
      await refresh();
    },
  };
  const create = useMutation(trpc.test.create.mutationOptions(saved));
  const update = useMutation(trpc.test.update.mutationOptions(saved));
  const remove = useMutation(trpc.test.delete.mutationOptions({ onSuccess: refresh }));
  const run = useMutation(
    trpc.test.run.mutationOptions({
      onSuccess: async (result, input) => {
        setResults((prior) => ({
          ...prior,
          ...Object.fromEntries(
            result.cases.map((c) => [c.id, { passed: c.passed, failures: c.failures }]),
          ),
        }));
        if (!input.ids) {
          setSuite(result);
          props.onCoverage(result.coverage);
        }
        await refresh();
      },
    }),
  );

  const rows = list.data ?? [];
  const resultOf = (row: Row): CaseResult | undefined =>
    results[row.id] ?? (row.lastResult as CaseResult | null) ?? undefined;
  const save = (testCase: Record<string, unknown>) => {
    if (editing === 'new') create.mutate({ workflowId, testCase });
    else if (editing) update.mutate({ id: editing.id, testCase });
  };
  const saveError = (editing === 'new' ? create.error : update.error)?.message;

  return (
    <section aria-labelledby="tests-heading" className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="tests-heading" className="text-lg font-semibold">
          Tests
        </h2>
        {canRun ? (
          <Button
            onClick={() => run.mutate({ workflowId })}
            disabled={run.isPending || rows.length === 0}
          >
            {run.isPending ? 'Running…' : 'Run all tests'}
          </Button>
        ) : null}
        {canEdit ? (
          <Button variant="secondary" onClick={() => setEditing('new')}>
            New test
          </Button>
        ) : null}
        {suite ? (
          <Button variant="secondary" onClick={props.onShowCoverage}>
            Show coverage on the canvas
          </Button>
        ) : null}
      </div>
      {suite ? (
        <p role="status" className="text-sm text-slate-700">
          {suite.passed} passed, {suite.failed} failed · coverage {suite.coverage.percent}% (steps{' '}
          {suite.coverage.steps.covered}/{suite.coverage.steps.total}, branches{' '}
          {suite.coverage.branches.covered}/{suite.coverage.branches.total})
        </p>
      ) : null}
      {run.error ? (
        <p role="alert" className="text-sm text-red-700">
          {run.error.message}
        </p>
      ) : null}
      {editing ? (
        <TestCaseEditor
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing !== 'new' ? { initial: caseOf(editing) } : {})}
          pending={create.isPending || update.isPending}
          {...(saveError ? { error: saveError } : {})}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {list.isPending ? <p className="text-sm text-slate-500">Loading tests…</p> : null}
      {list.data && rows.length === 0 ? (
        <p className="text-sm text-slate-500">
          No tests yet. Create one here, or from a run’s page with “Create a test from this run”.
        </p>
      ) : null}
      <ul aria-label="Test cases" className="space-y-2">
        {rows.map((row) => {
          const result = resultOf(row);
          return (
            <li
              key={row.id}
              aria-label={row.name}
              className="rounded-lg border border-slate-200 bg-white p-3"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{row.name}</span>
                <ResultBadge result={result} />
                <span className="flex-1" />
                {canRun ? (
                  <Button
                    variant="secondary"
                    onClick={() => run.mutate({ workflowId, ids: [row.id] })}
                    disabled={run.isPending}
                    aria-label={`Run ${row.name}`}
                  >
                    Run
                  </Button>
                ) : null}
                {canEdit ? (
                  <>
                    <Button
                      variant="secondary"
                      onClick={() => setEditing(row)}
                      aria-label={`Edit ${row.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => remove.mutate({ id: row.id })}
                      aria-label={`Delete ${row.name}`}
                    >
                      Delete
                    </Button>
                  </>
                ) : null}
              </div>
              {result && !result.passed ? <FailureList failures={result.failures} /> : null}
            </li>
          );
        })}
      </ul>
      <TestFileIo
        workflowId={workflowId}
        workflowName={props.workflowName}
        cases={rows.map((row) => row.definition)}
        canEdit={canEdit}
        onImported={refresh}
      />
      {canEdit ? (
        <PublishGateSettings
          workflowId={workflowId}
          required={props.gate.required}
          minCoverage={props.gate.minCoverage}
        />
      ) : null}
    </section>
  );
}

function ResultBadge({ result }: { result: CaseResult | undefined }) {
  const [text, color] = !result
    ? ['Not run', 'bg-slate-100 text-slate-700']
    : result.passed
      ? ['Passed', 'bg-emerald-100 text-emerald-800']
      : ['Failed', 'bg-red-100 text-red-800'];
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${color}`}>
      <span className="sr-only">Result: </span>
      {text}
    </span>
  );
}

/** A stored case as the editor edits it: fields the format no longer knows are dropped. */
function caseOf(row: Row): TestCase {
  const checked = checkTestCase(row.definition);
  return checked.ok ? checked.testCase : { name: row.name };
}

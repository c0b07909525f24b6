'use client';

import { useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  checkWorkflow,
  defaultRegistry,
  describeStepTypes,
  type WorkflowDefinition,
  type WorkflowNode,
} from '@/engine';
import { useTRPC } from '@/trpc/react';
import { stepOverlays } from './canvas/step-overlays';
import { WorkflowCanvas, type CanvasHandle } from './canvas/workflow-canvas';
import { EditorInspector } from './editor-inspector';
import { ImportExport } from './io/import-export';
import { useWorkflowTestsIo } from './io/use-workflow-tests-io';
import { nodeName } from './model/edit-ops';
import type { Problem } from './model/problems';
import type { StepStatusOverlay } from './model/flow-types';
import type { FlowDecorations } from './model/to-flow';
import { StepPalette } from './palette/step-palette';
import { ConflictBanner } from './panels/conflict-banner';
import { SaveStatus } from './panels/save-status';
import { VersionBanner } from './panels/version-banner';
import { useAutosave } from './state/use-autosave';
import { useDefinitionHistory } from './state/use-definition-history';
import { useEditorActions } from './state/use-editor-actions';
import { useEditorShortcuts } from './state/use-editor-shortcuts';
import { useProblems } from './state/use-problems';
import type { TestRun } from './test-run/test-run-panel';

const STEP_TYPES = describeStepTypes(defaultRegistry);
const TYPES_BY_ID = new Map(STEP_TYPES.map((t) => [t.id, t]));
const ignoreEdit = () => undefined;
const isTrigger = (type: string) => TYPES_BY_ID.get(type)?.category === 'trigger';

export interface EditorWorkflow {
  id: string;
  name: string;
  draft: unknown;
  draftRevision: number;
}

interface WorkflowEditorProps {
  workflow: EditorWorkflow;
  canEdit: boolean;
  canRun: boolean;
  /** Drawn on the steps while no test run is shown (test coverage). */
  coverageOverlays?: Record<string, StepStatusOverlay>;
}

export function WorkflowEditor(props: WorkflowEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorBody {...props} />
    </ReactFlowProvider>
  );
}

/** The saved draft, or an empty graph when the stored one is not in the saved format. */
export function readDraft(workflow: { name: string; draft: unknown }): WorkflowDefinition {
  const parsed = checkWorkflow(workflow.draft);
  return parsed.ok
    ? parsed.workflow
    : { schemaVersion: 1, name: workflow.name, nodes: [], edges: [] };
}

function EditorBody({ workflow, canEdit, canRun, coverageOverlays }: WorkflowEditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base] = useState(() => ({
    definition: readDraft(workflow),
    revision: workflow.draftRevision,
  }));
  const history = useDefinitionHistory(base.definition);
  const { definition, current, edit } = history;
  const autosave = useAutosave({ workflowId: workflow.id, definition, base, enabled: canEdit });
  const problems = useProblems(definition);
  const testsIo = useWorkflowTestsIo(workflow.id);
  const canvas = useRef<CanvasHandle>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [focus, setFocus] = useState<{ nodeId: string; field: string }>();
  const [run, setRun] = useState<TestRun | null>(null);
  const [details, setDetails] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ number: number; definition: WorkflowDefinition }>();
  const [reloading, setReloading] = useState(false);

  const conflict = autosave.state.status === 'conflict';
  const locked = !canEdit || conflict;
  const actions = useEditorActions({
    canvas,
    current,
    edit,
    undo: history.undo,
    redo: history.redo,
    readOnly: locked || viewing !== undefined,
    isTrigger,
  });
  useEditorShortcuts(true, actions.shortcuts);

  const overlays = useMemo(
    () => (run ? stepOverlays(run.view.nodes) : coverageOverlays),
    [run, coverageOverlays],
  );
  const decorations = useMemo<FlowDecorations>(
    () => ({ registry: defaultRegistry, types: TYPES_BY_ID, problems, overlays, readOnly: locked }),
    [problems, overlays, locked],
  );
  const versionDecorations = useMemo<FlowDecorations>(
    () => ({ registry: defaultRegistry, types: TYPES_BY_ID, readOnly: true }),
    [],
  );

  const shown = viewing?.definition ?? definition;
  const selectedNode =
    selectedIds.length === 1 ? shown.nodes.find((n) => n.id === selectedIds[0]) : undefined;
  const { changeNode, replace, keepTrigger } = actions;
  const otherTriggers =
    selectedNode && isTrigger(selectedNode.type)
      ? shown.nodes.filter((n) => n.id !== selectedNode.id && isTrigger(n.type)).map(nodeName)
      : [];
  const selectedId = !viewing && selectedIds.length === 1 ? selectedIds[0] : undefined;
  const onConfigChange = useCallback(
    (next: WorkflowNode) => {
      if (selectedId) changeNode(selectedId, next);
    },
    [changeNode, selectedId],
  );
  const onProblem = useCallback((problem: Problem) => {
    if (!problem.nodeId) return;
    canvas.current?.select([problem.nodeId]);
    setFocus({ nodeId: problem.nodeId, field: problem.field ?? 'name' });
  }, []);
  const onNodeClick = useCallback((nodeId: string) => setDetails(nodeId), []);
  const onRestore = useCallback(
    (restored: WorkflowDefinition) => {
      setViewing(undefined);
      replace(restored);
    },
    [replace],
  );

  const reloadLatest = async () => {
    setReloading(true);
    try {
      const latest = await queryClient.fetchQuery({
        ...trpc.workflow.get.queryOptions({ id: workflow.id }),
        staleTime: 0,
      });
      const draft = readDraft(latest);
      autosave.rebase(draft, latest.draftRevision);
      history.reset(draft);
    } finally {
      setReloading(false);
    }
  };

  const editing = !locked && !viewing;
  return (
    <div className="flex h-[calc(100vh-8rem)] min-h-[560px] flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Editor">
        <Button variant="secondary" onClick={history.undo} disabled={!editing || !history.canUndo}>
          Undo
        </Button>
        <Button variant="secondary" onClick={history.redo} disabled={!editing || !history.canRedo}>
          Redo
        </Button>
        <Button
          variant="secondary"
          onClick={actions.duplicate}
          disabled={!editing || selectedIds.length === 0}
        >
          Duplicate
        </Button>
        <Button variant="secondary" onClick={actions.remove} disabled={!editing}>
          Delete selection
        </Button>
        <Button variant="secondary" onClick={() => void actions.autoLayout()} disabled={!editing}>
          Auto-layout
        </Button>
        <ImportExport definition={shown} readOnly={!editing} onImport={replace} tests={testsIo} />
        <SaveStatus state={autosave.state} readOnly={!canEdit} />
        {autosave.state.status === 'error' ? (
          <span className="text-xs text-red-700">{autosave.state.message}</span>
        ) : null}
      </div>
      {conflict ? (
        <ConflictBanner onReload={() => void reloadLatest()} pending={reloading} />
      ) : null}
      {viewing ? (
        <VersionBanner number={viewing.number} onBack={() => setViewing(undefined)} />
      ) : null}
      <div className="grid min-h-0 flex-1 grid-cols-[12rem_minmax(0,1fr)_20rem] gap-3">
        <StepPalette types={STEP_TYPES} readOnly={!editing} onAdd={actions.add} />
        <div
          className="min-h-0 rounded-lg border border-slate-200 bg-white"
          aria-label="Canvas"
          role="region"
        >
          {viewing ? (
            <WorkflowCanvas
              key={`version-${viewing.number}`}
              ref={canvas}
              definition={viewing.definition}
              decorations={versionDecorations}
              types={TYPES_BY_ID}
              readOnly
              current={() => viewing.definition}
              edit={ignoreEdit}
              onSelectionChange={setSelectedIds}
            />
          ) : (
            <WorkflowCanvas
              key="draft"
              ref={canvas}
              definition={definition}
              decorations={decorations}
              types={TYPES_BY_ID}
              readOnly={locked}
              current={current}
              edit={edit}
              onSelectionChange={setSelectedIds}
              onNodeClick={run ? onNodeClick : undefined}
            />
          )}
        </div>
        <EditorInspector
          workflowId={workflow.id}
          definition={shown}
          selectedNode={selectedNode}
          readOnly={!editing}
          canEdit={canEdit}
          canRun={canRun}
          onConfigChange={onConfigChange}
          otherTriggers={otherTriggers}
          onKeepTrigger={keepTrigger}
          fieldErrors={selectedNode && !viewing ? problems?.byNode.get(selectedNode.id) : undefined}
          focusField={focus?.nodeId === selectedNode?.id ? focus?.field : undefined}
          problems={problems?.problems}
          onProblem={onProblem}
          flush={autosave.flush}
          saveFailed={autosave.state.status === 'error' || conflict}
          detailsNode={details ? run?.view.nodes.find((n) => n.id === details) : undefined}
          onCloseDetails={() => setDetails(null)}
          onRunState={setRun}
          onOpenVersion={setViewing}
          onRestore={onRestore}
        />
      </div>
    </div>
  );
}

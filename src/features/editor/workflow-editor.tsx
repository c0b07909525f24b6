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
} from '@/engine';
import { useTRPC } from '@/trpc/react';
import { WorkflowCanvas, type CanvasHandle } from './canvas/workflow-canvas';
import { ConfigPanel } from './config/config-panel';
import type { StepStatusOverlay } from './model/flow-types';
import type { Problem } from './model/problems';
import type { FlowDecorations } from './model/to-flow';
import { StepPalette } from './palette/step-palette';
import { ConflictBanner } from './panels/conflict-banner';
import { ProblemsPanel } from './panels/problems-panel';
import { PublishForm } from './panels/publish-form';
import { SaveStatus } from './panels/save-status';
import { useAutosave } from './state/use-autosave';
import { useDefinitionHistory } from './state/use-definition-history';
import { useEditorActions } from './state/use-editor-actions';
import { useEditorShortcuts } from './state/use-editor-shortcuts';
import { useProblems } from './state/use-problems';

const STEP_TYPES = describeStepTypes(defaultRegistry);
const TYPES_BY_ID = new Map(STEP_TYPES.map((t) => [t.id, t]));

export interface EditorWorkflow {
  id: string;
  name: string;
  draft: unknown;
  draftRevision: number;
}

interface WorkflowEditorProps {
  workflow: EditorWorkflow;
  canEdit: boolean;
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

function EditorBody({ workflow, canEdit }: WorkflowEditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base] = useState(() => ({
    definition: readDraft(workflow),
    revision: workflow.draftRevision,
  }));
  const history = useDefinitionHistory(base.definition);
  const { definition, current, edit } = history;
  const readOnly = !canEdit;
  const autosave = useAutosave({ workflowId: workflow.id, definition, base, enabled: canEdit });
  const problems = useProblems(definition);
  const canvas = useRef<CanvasHandle>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [focus, setFocus] = useState<{ nodeId: string; field: string }>();
  const [overlays] = useState<Record<string, StepStatusOverlay>>();
  const [reloading, setReloading] = useState(false);

  const conflict = autosave.state.status === 'conflict';
  const locked = readOnly || conflict;
  const actions = useEditorActions({
    canvas,
    current,
    edit,
    undo: history.undo,
    redo: history.redo,
    readOnly: locked,
  });
  useEditorShortcuts(true, actions.shortcuts);

  const decorations = useMemo<FlowDecorations>(
    () => ({ registry: defaultRegistry, types: TYPES_BY_ID, problems, overlays, readOnly: locked }),
    [problems, overlays, locked],
  );

  const selectedNode =
    selectedIds.length === 1 ? definition.nodes.find((n) => n.id === selectedIds[0]) : undefined;
  const { changeNode } = actions;
  const onConfigChange = useCallback(
    (next: Parameters<typeof changeNode>[1]) => {
      if (selectedNode) changeNode(selectedNode.id, next);
    },
    [changeNode, selectedNode],
  );

  const onProblem = useCallback((problem: Problem) => {
    if (!problem.nodeId) return;
    canvas.current?.select([problem.nodeId]);
    setFocus({ nodeId: problem.nodeId, field: problem.field ?? 'name' });
  }, []);

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

  return (
    <div className="flex h-[calc(100vh-8rem)] min-h-[560px] flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Editor">
        <Button variant="secondary" onClick={history.undo} disabled={locked || !history.canUndo}>
          Undo
        </Button>
        <Button variant="secondary" onClick={history.redo} disabled={locked || !history.canRedo}>
          Redo
        </Button>
        <Button
          variant="secondary"
          onClick={actions.duplicate}
          disabled={locked || selectedIds.length === 0}
        >
          Duplicate
        </Button>
        <Button variant="secondary" onClick={actions.remove} disabled={locked}>
          Delete selection
        </Button>
        <Button variant="secondary" onClick={() => void actions.autoLayout()} disabled={locked}>
          Auto-layout
        </Button>
        <SaveStatus state={autosave.state} readOnly={readOnly} />
        {autosave.state.status === 'error' ? (
          <span className="text-xs text-red-700">{autosave.state.message}</span>
        ) : null}
      </div>
      {conflict ? (
        <ConflictBanner onReload={() => void reloadLatest()} pending={reloading} />
      ) : null}
      <div className="grid min-h-0 flex-1 grid-cols-[13rem_minmax(0,1fr)_22rem] gap-3">
        <StepPalette types={STEP_TYPES} readOnly={locked} onAdd={actions.add} />
        <div
          className="min-h-0 rounded-lg border border-slate-200 bg-white"
          aria-label="Canvas"
          role="region"
        >
          <WorkflowCanvas
            ref={canvas}
            definition={definition}
            decorations={decorations}
            types={TYPES_BY_ID}
            readOnly={locked}
            current={current}
            edit={edit}
            onSelectionChange={setSelectedIds}
          />
        </div>
        <aside aria-label="Inspector" className="min-h-0 space-y-4 overflow-y-auto pr-1">
          {selectedNode ? (
            <div className="rounded-lg border border-slate-200 bg-white">
              <ConfigPanel
                key={selectedNode.id}
                workflowId={workflow.id}
                node={selectedNode}
                definition={definition}
                readOnly={locked}
                onChange={onConfigChange}
                fieldErrors={problems?.byNode.get(selectedNode.id)}
                focusField={focus?.nodeId === selectedNode.id ? focus.field : undefined}
              />
            </div>
          ) : (
            <p className="text-xs text-slate-500">Select a step to configure it.</p>
          )}
          <ProblemsPanel problems={problems?.problems} onSelect={onProblem} />
          {canEdit ? (
            <PublishForm
              workflowId={workflow.id}
              problemCount={problems?.problems.length}
              flush={autosave.flush}
              saveFailed={autosave.state.status === 'error' || conflict}
            />
          ) : null}
        </aside>
      </div>
    </div>
  );
}

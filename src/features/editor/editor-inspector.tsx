'use client';

import type { NodeView, WorkflowDefinition, WorkflowNode } from '@/engine';
import { StepDetails } from '../runs/step-details';
import { ConfigPanel } from './config/config-panel';
import type { Problem } from './model/problems';
import { ProblemsPanel } from './panels/problems-panel';
import { PublishForm } from './panels/publish-form';
import { TestRunPanel, type TestRun } from './test-run/test-run-panel';
import { VersionHistory } from './versions/version-history';

interface EditorInspectorProps {
  workflowId: string;
  definition: WorkflowDefinition;
  selectedNode: WorkflowNode | undefined;
  readOnly: boolean;
  canEdit: boolean;
  canRun: boolean;
  onConfigChange: (node: WorkflowNode) => void;
  fieldErrors: Record<string, string> | undefined;
  focusField: string | undefined;
  problems: Problem[] | undefined;
  onProblem: (problem: Problem) => void;
  flush: () => Promise<void>;
  saveFailed: boolean;
  /** The test run's step whose details are open. */
  detailsNode: NodeView | undefined;
  onCloseDetails: () => void;
  onRunState: (run: TestRun | null) => void;
  onOpenVersion: (version: { number: number; definition: WorkflowDefinition }) => void;
  onRestore: (definition: WorkflowDefinition) => void;
}

const CARD = 'rounded-lg border border-slate-200 bg-white';

/** The right-hand column: the selected step's settings, problems, publishing, runs, versions. */
export function EditorInspector(props: EditorInspectorProps) {
  const { selectedNode } = props;
  return (
    <aside aria-label="Inspector" className="min-h-0 space-y-4 overflow-y-auto pr-1">
      {props.detailsNode ? (
        <StepDetails node={props.detailsNode} open="latest" onClose={props.onCloseDetails} />
      ) : null}
      {selectedNode ? (
        <div className={CARD}>
          <ConfigPanel
            key={selectedNode.id}
            workflowId={props.workflowId}
            node={selectedNode}
            definition={props.definition}
            readOnly={props.readOnly}
            onChange={props.onConfigChange}
            fieldErrors={props.fieldErrors}
            focusField={props.focusField}
          />
        </div>
      ) : (
        <p className="text-xs text-slate-500">Select a step to see its settings.</p>
      )}
      <ProblemsPanel problems={props.problems} onSelect={props.onProblem} />
      {props.canEdit ? (
        <PublishForm
          workflowId={props.workflowId}
          problemCount={props.problems?.length}
          flush={props.flush}
          saveFailed={props.saveFailed}
        />
      ) : null}
      <div className={CARD}>
        <TestRunPanel
          workflowId={props.workflowId}
          canRun={props.canRun}
          onRunState={props.onRunState}
        />
      </div>
      <div className={CARD}>
        <VersionHistory
          workflowId={props.workflowId}
          canEdit={props.canEdit}
          onOpenVersion={props.onOpenVersion}
          onRestore={props.onRestore}
        />
      </div>
    </aside>
  );
}

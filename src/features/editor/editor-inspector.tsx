'use client';

import { useEffect, useRef } from 'react';
import type { NodeView, WorkflowDefinition, WorkflowNode } from '@/engine';
import { StepDetails } from '../runs/step-details';
import { ConfigPanel } from './config/config-panel';
import { nodeName } from './model/edit-ops';
import type { Problem } from './model/problems';
import { PolicyPanel } from './panels/policy-panel';
import { ProblemsPanel } from './panels/problems-panel';
import { PublishForm } from './panels/publish-form';
import { ReplaceTriggerNotice } from './panels/replace-trigger-notice';
import { TestRunPanel, type TestRun } from './test-run/test-run-panel';
import { VersionHistory } from './versions/version-history';
import { WebhookAddressPanel } from './webhook/webhook-address-panel';

interface EditorInspectorProps {
  workflowId: string;
  definition: WorkflowDefinition;
  selectedNode: WorkflowNode | undefined;
  readOnly: boolean;
  canEdit: boolean;
  canRun: boolean;
  onConfigChange: (node: WorkflowNode) => void;
  /** Names of the workflow's triggers other than the selected one (when it is one). */
  otherTriggers: readonly string[];
  onKeepTrigger: (id: string) => void;
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
  const details = useRef<HTMLDivElement>(null);
  // A step clicked on the canvas shows its details here, wherever this column was scrolled to.
  const detailsId = props.detailsNode?.id;
  useEffect(() => {
    if (detailsId) details.current?.scrollIntoView({ block: 'nearest' });
  }, [detailsId]);
  return (
    <aside aria-label="Inspector" className="min-h-0 space-y-4 overflow-y-auto pr-1">
      {/* First, so publishing never needs a scroll past a long settings form. */}
      {props.canEdit ? (
        <PublishForm
          workflowId={props.workflowId}
          problemCount={props.problems?.length}
          flush={props.flush}
          saveFailed={props.saveFailed}
          webhook={props.definition.nodes.find((n) => n.type === 'webhook')?.params}
        />
      ) : null}
      {props.detailsNode ? (
        <div ref={details}>
          <StepDetails node={props.detailsNode} open="latest" onClose={props.onCloseDetails} />
        </div>
      ) : null}
      {selectedNode && props.otherTriggers.length > 0 ? (
        <ReplaceTriggerNotice
          name={nodeName(selectedNode)}
          others={props.otherTriggers}
          readOnly={props.readOnly}
          onReplace={() => props.onKeepTrigger(selectedNode.id)}
        />
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
            intro={
              selectedNode.type === 'webhook' ? (
                <div className="rounded-md border border-slate-200 bg-slate-50 p-2">
                  <WebhookAddressPanel params={selectedNode.params} />
                </div>
              ) : undefined
            }
          />
        </div>
      ) : (
        <p className="text-xs text-slate-500">Select a step to see its settings.</p>
      )}
      <ProblemsPanel problems={props.problems} onSelect={props.onProblem} />
      <PolicyPanel workflowId={props.workflowId} definition={props.definition} />
      <div className={CARD}>
        <TestRunPanel
          workflowId={props.workflowId}
          canRun={props.canRun}
          onRunState={props.onRunState}
          webhook={props.definition.nodes.find((n) => n.type === 'webhook')?.params}
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

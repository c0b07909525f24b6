'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, type JSX, type ReactNode } from 'react';
import {
  defaultRegistry,
  describeStepType,
  type WorkflowDefinition,
  type WorkflowNode,
} from '@/engine';
import { useTRPC } from '@/trpc/react';
import { FieldShell, fieldIds, inputClass } from './field-shell';
import { JsonField } from './json-field';
import { errorFor, nodeFieldErrors } from './node-field-errors';
import { NodeSettings } from './node-settings';
import { ParamField } from './param-field';
import { schemaToFields } from './schema-to-fields';
import { scopeFromRun } from './scope-from-run';
import { useNodeDraft } from './use-node-draft';

export interface ConfigPanelProps {
  workflowId: string;
  node: WorkflowNode;
  definition: WorkflowDefinition;
  readOnly: boolean;
  onChange: (node: WorkflowNode) => void;
  /** Problems the editor found, keyed like `params.url`, `retry.maxAttempts`, `name`. */
  fieldErrors?: Record<string, string>;
  /** A field key to move the keyboard focus to (e.g. from the problems panel). */
  focusField?: string;
  /** Shown under the heading, above the fields (e.g. a webhook's address). */
  intro?: ReactNode;
}

const FOCUSABLE = 'input, select, textarea, [contenteditable="true"]';

/** Settings of the selected node: a form generated from its step type's params schema. */
export function ConfigPanel(props: ConfigPanelProps): JSX.Element {
  const { node, definition, readOnly } = props;
  const { draft, edit, flush } = useNodeDraft(node, props.onChange);
  const idBase = useId();
  const root = useRef<HTMLFormElement>(null);
  const scope = useLatestRunScope(props.workflowId, definition, node.id);

  const type = defaultRegistry.get(draft.type);
  const fields = useMemo(() => {
    if (!type) return [];
    const description = describeStepType(type);
    return schemaToFields(description.paramsSchema, description.paramKinds);
  }, [type]);

  const committed = JSON.stringify(draft) === JSON.stringify(node);
  const errors = useMemo(() => {
    const own = nodeFieldErrors(draft, definition);
    // The editor's errors describe the saved node; while typing runs ahead they may be stale.
    return committed ? { ...props.fieldErrors, ...own } : own;
  }, [draft, definition, committed, props.fieldErrors]);

  useEffect(() => {
    if (!props.focusField || !root.current) return;
    let key = props.focusField;
    for (;;) {
      const field = root.current.querySelector(`[data-field="${CSS.escape(key)}"]`);
      const target = field?.querySelector<HTMLElement>(FOCUSABLE);
      if (target) {
        target.focus();
        return;
      }
      const shorter = key.replace(/(\.[^.[]*|\[[^\]]*\])$/, '');
      if (shorter === key) return;
      key = shorter;
    }
  }, [props.focusField, node.id]);

  const setParam = (key: string, value: unknown, mode: 'typing' | 'now') =>
    edit((n) => {
      const { [key]: _old, ...params } = n.params;
      return { ...n, params: value === undefined ? params : { ...params, [key]: value } };
    }, mode);

  const nameIds = fieldIds(`${idBase}-name`, errors.name);
  return (
    <form
      ref={root}
      aria-label={`Settings of ${draft.name || draft.id}`}
      className="space-y-3 p-3"
      onSubmit={(e) => e.preventDefault()}
      onKeyDownCapture={(e) => {
        // Undo/redo must see the typing so far as its own step, not lose it to a late report.
        if ((e.ctrlKey || e.metaKey) && ['z', 'y'].includes(e.key.toLowerCase())) flush();
      }}
    >
      <header>
        <h2 className="text-base font-semibold text-slate-900">
          {type?.displayName ?? draft.type}
        </h2>
        <p className="text-xs text-slate-500">
          Node id <code>{draft.id}</code>
          {type ? ` · ${type.description}` : ''}
        </p>
      </header>
      {props.intro}
      {errors[''] ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {errors['']}
        </p>
      ) : null}
      <FieldShell fieldKey="name" ids={nameIds} label="Name" error={errors.name}>
        <input
          id={nameIds.id}
          className={inputClass}
          value={draft.name ?? ''}
          placeholder={draft.id}
          disabled={readOnly}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={nameIds.describedBy}
          onChange={(e) => {
            const name = e.target.value;
            edit(({ name: _old, ...rest }) => (name === '' ? rest : { ...rest, name }), 'typing');
          }}
          onBlur={flush}
        />
      </FieldShell>
      {type ? (
        fields.map((field) => (
          <ParamField
            key={`${draft.id}:${field.key}`}
            field={field}
            idBase={idBase}
            value={draft.params[field.key]}
            error={errorFor(errors, `params.${field.key}`)}
            readOnly={readOnly}
            scope={scope}
            onChange={(value, mode) => setParam(field.key, value, mode)}
            onBlur={flush}
          />
        ))
      ) : (
        <UnknownTypeParams
          idBase={idBase}
          node={draft}
          error={errors.type ?? errorFor(errors, 'params')}
          readOnly={readOnly}
          onChange={(params) => edit((n) => ({ ...n, params }), 'typing')}
          onBlur={flush}
        />
      )}
      <NodeSettings
        node={draft}
        idBase={idBase}
        errors={errors}
        readOnly={readOnly}
        edit={edit}
        onBlur={flush}
      />
    </form>
  );
}

/** A type this build does not know (e.g. from an imported file): its params as raw JSON. */
function UnknownTypeParams(props: {
  idBase: string;
  node: WorkflowNode;
  error?: string;
  readOnly: boolean;
  onChange: (params: Record<string, unknown>) => void;
  onBlur: () => void;
}) {
  const ids = fieldIds(`${props.idBase}-params`, props.error);
  return (
    <FieldShell fieldKey="params" ids={ids} label="Params (JSON)" error={props.error}>
      <JsonField
        id={ids.id}
        value={props.node.params}
        readOnly={props.readOnly}
        invalid={Boolean(props.error)}
        describedBy={ids.describedBy}
        onChange={(value) => {
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            props.onChange(value as Record<string, unknown>);
          }
        }}
        onBlur={props.onBlur}
      />
    </FieldShell>
  );
}

/** Expression completion data: the workflow, and the latest run's input and outputs. */
function useLatestRunScope(workflowId: string, definition: WorkflowDefinition, nodeId: string) {
  const trpc = useTRPC();
  const latest = useQuery(
    trpc.run.list.queryOptions({ workflowId, limit: 1 }, { staleTime: 30_000 }),
  );
  const runId = latest.data?.items[0]?.id;
  const run = useQuery(
    trpc.run.get.queryOptions({ id: runId ?? '' }, { enabled: Boolean(runId), staleTime: 30_000 }),
  );
  return useMemo(() => scopeFromRun(definition, run.data, nodeId), [definition, run.data, nodeId]);
}

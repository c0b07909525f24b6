'use client';

import type { RetryPolicy, WorkflowNode } from '@/engine';
import { errorFor } from './node-field-errors';
import { FieldShell, fieldIds, inputClass } from './field-shell';
import { NumberInput } from './number-input';
import type { EditMode } from './edit-batcher';

interface NodeSettingsProps {
  node: WorkflowNode;
  idBase: string;
  errors: Record<string, string>;
  readOnly: boolean;
  edit: (change: (node: WorkflowNode) => WorkflowNode, mode: EditMode) => void;
  onBlur: () => void;
}

/** Offered when retries are switched on: a few quick attempts that back off. */
const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 1000 };

const ON_ERROR = [
  { value: 'fail', label: 'Fail the run' },
  { value: 'continue', label: 'Continue with the error as output' },
  { value: 'errorPort', label: 'Take the error port' },
] as const;

/** Retry, timeout and error handling: the same for every step type. */
export function NodeSettings({ node, idBase, errors, readOnly, edit, onBlur }: NodeSettingsProps) {
  const setRetry = (patch: Partial<RetryPolicy>, mode: EditMode) =>
    edit(
      (n) => ({ ...n, retry: dropUndefined({ ...(n.retry ?? DEFAULT_RETRY), ...patch }) }),
      mode,
    );
  const ids = (key: string) => fieldIds(`${idBase}-${key}`, errorFor(errors, key));
  const number = (key: keyof RetryPolicy, label: string, min: number, required: boolean) => {
    const fieldKey = `retry.${key}`;
    return (
      <FieldShell fieldKey={fieldKey} ids={ids(fieldKey)} label={label} error={errors[fieldKey]}>
        <NumberInput
          id={ids(fieldKey).id}
          value={node.retry?.[key]}
          integer
          min={min}
          readOnly={readOnly}
          invalid={Boolean(errors[fieldKey])}
          describedBy={ids(fieldKey).describedBy}
          onChange={(value, mode) =>
            setRetry({ [key]: value ?? (required ? DEFAULT_RETRY[key] : undefined) }, mode)
          }
          onBlur={onBlur}
        />
      </FieldShell>
    );
  };

  return (
    <fieldset className="space-y-3 border-t border-slate-200 pt-3">
      <legend className="text-sm font-semibold text-slate-800">Error handling</legend>
      <div data-field="retry">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input
            type="checkbox"
            checked={node.retry !== undefined}
            disabled={readOnly}
            onChange={(e) =>
              edit(
                ({ retry: _retry, ...rest }) =>
                  e.target.checked ? { ...rest, retry: DEFAULT_RETRY } : rest,
                'now',
              )
            }
          />
          Retry on failure
        </label>
        <p className="mt-1 text-xs text-slate-500">
          Retries any failure (code that throws, timeouts, network errors, HTTP 5xx, 408, 425 and
          429, expressions that fail to evaluate) except those another attempt cannot fix: invalid
          params or expressions, addresses the network guard refuses, other HTTP 4xx, size, memory
          and item limits, and Fail steps.
        </p>
      </div>
      {node.retry ? (
        <div className="grid grid-cols-2 gap-2">
          {number('maxAttempts', 'Max attempts', 1, true)}
          <FieldShell
            fieldKey="retry.backoff"
            ids={ids('retry.backoff')}
            label="Backoff"
            error={errors['retry.backoff']}
          >
            <select
              id={ids('retry.backoff').id}
              className={inputClass}
              value={node.retry.backoff}
              disabled={readOnly}
              onChange={(e) =>
                setRetry({ backoff: e.target.value as RetryPolicy['backoff'] }, 'now')
              }
            >
              <option value="fixed">fixed</option>
              <option value="exponential">exponential</option>
            </select>
          </FieldShell>
          {number('initialDelayMs', 'Initial delay (ms)', 0, true)}
          {number('maxDelayMs', 'Max delay (ms)', 0, false)}
        </div>
      ) : null}
      <FieldShell
        fieldKey="timeoutMs"
        ids={ids('timeoutMs')}
        label="Timeout (ms)"
        description="Fail an attempt that runs longer than this. Empty: no limit."
        error={errors.timeoutMs}
      >
        <NumberInput
          id={ids('timeoutMs').id}
          value={node.timeoutMs}
          integer
          min={1}
          readOnly={readOnly}
          invalid={Boolean(errors.timeoutMs)}
          describedBy={ids('timeoutMs').describedBy}
          onChange={(value, mode) =>
            edit(
              ({ timeoutMs: _t, ...rest }) =>
                value === undefined ? rest : { ...rest, timeoutMs: value },
              mode,
            )
          }
          onBlur={onBlur}
        />
      </FieldShell>
      <FieldShell fieldKey="onError" ids={ids('onError')} label="On error" error={errors.onError}>
        <select
          id={ids('onError').id}
          className={inputClass}
          value={node.onError ?? 'fail'}
          disabled={readOnly}
          onChange={(e) =>
            edit(({ onError: _o, ...rest }) => {
              const value = e.target.value as WorkflowNode['onError'];
              return value === 'fail' ? rest : { ...rest, onError: value };
            }, 'now')
          }
        >
          {ON_ERROR.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </FieldShell>
    </fieldset>
  );
}

function dropUndefined(policy: Partial<RetryPolicy>): RetryPolicy {
  return Object.fromEntries(
    Object.entries(policy).filter(([, v]) => v !== undefined),
  ) as RetryPolicy;
}

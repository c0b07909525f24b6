'use client';

import { CodeEditor } from './code-editor';
import type { ExpressionScope } from './expression-completions';
import { FieldShell, fieldIds, inputClass } from './field-shell';
import { JsonField } from './json-field';
import { KeyValueEditor } from './key-value-editor';
import { NumberInput } from './number-input';
import type { FieldDescriptor } from './schema-to-fields';
import type { EditMode } from './edit-batcher';

interface ParamFieldProps {
  field: FieldDescriptor;
  /** Prefix for element ids, unique per panel. */
  idBase: string;
  value: unknown;
  error?: string;
  readOnly: boolean;
  scope: ExpressionScope;
  /** `undefined` removes the param, so its default applies. */
  onChange: (value: unknown, mode: EditMode) => void;
  onBlur: () => void;
}

const scalarText = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;

const defaultHint = (value: unknown) => {
  const text = scalarText(value);
  return text === undefined ? undefined : `Default: ${text}`;
};

/** One param of the selected node, drawn by its field kind. */
export function ParamField({ field, idBase, value, error, ...props }: ParamFieldProps) {
  const ids = fieldIds(`${idBase}-${field.key}`, error, field.description);
  const invalid = Boolean(error);
  const common = {
    fieldKey: `params.${field.key}`,
    ids,
    label: field.label,
    required: field.required,
    description: field.description,
    error,
  };
  const textOf = (v: unknown) => scalarText(v) ?? '';
  const emptyToDefault = (text: string) => (text === '' && !field.required ? undefined : text);

  switch (field.kind) {
    case 'text':
      return (
        <FieldShell {...common}>
          <input
            id={ids.id}
            className={inputClass}
            value={textOf(value)}
            placeholder={defaultHint(field.defaultValue)}
            disabled={props.readOnly}
            aria-invalid={invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => props.onChange(emptyToDefault(e.target.value), 'typing')}
            onBlur={props.onBlur}
          />
        </FieldShell>
      );
    case 'multiline':
      return (
        <FieldShell {...common}>
          <textarea
            id={ids.id}
            rows={5}
            className={`${inputClass} font-mono`}
            value={textOf(value)}
            disabled={props.readOnly}
            aria-invalid={invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => props.onChange(emptyToDefault(e.target.value), 'typing')}
            onBlur={props.onBlur}
          />
        </FieldShell>
      );
    case 'number':
      return (
        <FieldShell {...common}>
          <NumberInput
            id={ids.id}
            value={value}
            integer={field.integer}
            min={field.min}
            max={field.max}
            placeholder={defaultHint(field.defaultValue)}
            readOnly={props.readOnly}
            invalid={invalid}
            describedBy={ids.describedBy}
            onChange={props.onChange}
            onBlur={props.onBlur}
          />
        </FieldShell>
      );
    case 'boolean':
      return (
        <FieldShell {...common} labelAs="inline">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input
              id={ids.id}
              type="checkbox"
              checked={typeof value === 'boolean' ? value : field.defaultValue === true}
              disabled={props.readOnly}
              aria-describedby={ids.describedBy}
              onChange={(e) => props.onChange(e.target.checked, 'now')}
            />
            {field.label}
          </label>
        </FieldShell>
      );
    case 'select':
      return (
        <FieldShell {...common}>
          <select
            id={ids.id}
            className={inputClass}
            value={textOf(value ?? field.defaultValue)}
            disabled={props.readOnly}
            aria-invalid={invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => props.onChange(e.target.value, 'now')}
          >
            {field.defaultValue === undefined ? <option value="">Choose…</option> : null}
            {field.options.map((option) => (
              <option key={option} value={option}>
                {field.choices?.[option]?.label ?? option}
              </option>
            ))}
          </select>
          {field.choices ? (
            <p className="mt-1 text-xs text-slate-600">
              {field.choices[textOf(value ?? field.defaultValue)]?.hint}
            </p>
          ) : null}
        </FieldShell>
      );
    case 'keyValue':
      return (
        <FieldShell {...common} labelAs="group">
          <KeyValueEditor
            label={field.label}
            value={value}
            shape={field.shape}
            anyValue={field.anyValue}
            readOnly={props.readOnly}
            describedBy={ids.describedBy}
            onChange={props.onChange}
            onBlur={props.onBlur}
          />
        </FieldShell>
      );
    case 'json':
      return (
        <FieldShell {...common}>
          <JsonField
            id={ids.id}
            value={value}
            readOnly={props.readOnly}
            invalid={invalid}
            describedBy={ids.describedBy}
            onChange={props.onChange}
            onBlur={props.onBlur}
          />
        </FieldShell>
      );
    case 'code':
    case 'expression':
      return (
        <FieldShell {...common} labelAs="group">
          <CodeEditor
            value={textOf(value)}
            mode={field.kind === 'code' ? 'javascript' : field.template ? 'template' : 'jsonata'}
            label={field.label}
            readOnly={props.readOnly}
            invalid={invalid}
            describedBy={ids.describedBy}
            scope={props.scope}
            onChange={(text) => props.onChange(emptyToDefault(text), 'typing')}
            onBlur={props.onBlur}
          />
        </FieldShell>
      );
  }
}

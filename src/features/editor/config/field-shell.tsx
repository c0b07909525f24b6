import type { ReactNode } from 'react';

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 disabled:bg-slate-50 aria-[invalid=true]:border-red-500';

export interface FieldIds {
  /** The control's id, for <label htmlFor>. */
  id: string;
  errorId: string;
  /** Set when there is an error or a description, for aria-describedby. */
  describedBy: string | undefined;
}

export function fieldIds(base: string, error: string | undefined, description?: string): FieldIds {
  const errorId = `${base}-error`;
  const descriptionId = `${base}-description`;
  const describedBy =
    [error ? errorId : '', description ? descriptionId : ''].filter(Boolean).join(' ') || undefined;
  return { id: base, errorId, describedBy };
}

interface FieldShellProps {
  /** Key of the field (`params.url`): focusField finds the field by it. */
  fieldKey: string;
  ids: FieldIds;
  label: string;
  required?: boolean;
  description?: string;
  error?: string;
  /**
   * `inline`: the caller renders the label (a checkbox's sits beside the box);
   * `group`: several controls named together (key/value rows, code editors).
   */
  labelAs?: 'label' | 'inline' | 'group';
  children: ReactNode;
}

/** Label, control, help text and the error announced next to it. */
export function FieldShell(props: FieldShellProps) {
  return (
    <div data-field={props.fieldKey} className="space-y-0.5">
      {props.labelAs === 'inline' ? null : props.labelAs === 'group' ? (
        <span id={`${props.ids.id}-label`} className="block text-sm font-medium text-slate-700">
          {props.label}
          <RequiredMark required={props.required} />
        </span>
      ) : (
        <label htmlFor={props.ids.id} className="block text-sm font-medium text-slate-700">
          {props.label}
          <RequiredMark required={props.required} />
        </label>
      )}
      {props.labelAs === 'group' ? (
        <div role="group" aria-labelledby={`${props.ids.id}-label`}>
          {props.children}
        </div>
      ) : (
        props.children
      )}
      {props.description ? (
        <p id={`${props.ids.id}-description`} className="text-xs text-slate-500">
          {props.description}
        </p>
      ) : null}
      {props.error ? (
        <p id={props.ids.errorId} role="alert" className="text-xs text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function RequiredMark({ required }: { required: boolean | undefined }) {
  return required ? (
    <span aria-hidden="true" className="text-red-700">
      {' '}
      *
    </span>
  ) : null;
}

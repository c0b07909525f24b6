'use client';

import { useState } from 'react';
import type { EditMode } from './edit-batcher';
import { inputClass } from './field-shell';

interface NumberInputProps {
  id: string;
  value: unknown;
  integer: boolean;
  min?: number;
  max?: number;
  placeholder?: string;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  /** `undefined` when the input is cleared, so the default applies. */
  onChange: (value: number | undefined, mode: EditMode) => void;
  onBlur: () => void;
}

const show = (value: unknown) => (typeof value === 'number' ? String(value) : '');

/** A number whose half-typed text ("-", "1e") stays on screen without being saved. */
export function NumberInput(props: NumberInputProps) {
  const [text, setText] = useState(() => show(props.value));
  const [seen, setSeen] = useState(() => show(props.value));
  const current = show(props.value);
  if (seen !== current) {
    setSeen(current);
    if (Number(text) !== props.value) setText(current);
  }
  return (
    <input
      id={props.id}
      type="number"
      inputMode={props.integer ? 'numeric' : 'decimal'}
      step={props.integer ? 1 : 'any'}
      min={props.min}
      max={props.max}
      placeholder={props.placeholder}
      className={inputClass}
      value={text}
      disabled={props.readOnly}
      aria-invalid={props.invalid ? true : undefined}
      aria-describedby={props.describedBy}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') props.onChange(undefined, 'typing');
        else if (Number.isFinite(e.target.valueAsNumber)) {
          props.onChange(e.target.valueAsNumber, 'typing');
        }
      }}
      onBlur={props.onBlur}
    />
  );
}

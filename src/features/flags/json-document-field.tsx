'use client';

import { useId, type JSX } from 'react';

/** A flag's or segment's JSON document as text, with the problem reading it found, if any. */
export function JsonDocumentField(props: {
  label: string;
  value: string;
  rows: number;
  readOnly: boolean;
  /** Why the text is not a valid document; shown under it and tied to it for readers. */
  problem?: string;
  onChange: (text: string) => void;
}): JSX.Element {
  const id = useId();
  const problemId = `${id}-problem`;
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <textarea
        id={id}
        value={props.value}
        readOnly={props.readOnly}
        rows={props.rows}
        spellCheck={false}
        aria-invalid={props.problem === undefined ? undefined : true}
        aria-describedby={props.problem === undefined ? undefined : problemId}
        onChange={(e) => props.onChange(e.target.value)}
        className="block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
      />
      {props.problem === undefined ? null : (
        <p id={problemId} role="alert" className="text-sm text-red-700">
          {props.problem}
        </p>
      )}
    </>
  );
}

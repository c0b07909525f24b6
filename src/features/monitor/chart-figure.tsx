import type { ReactNode } from 'react';

/**
 * A chart with its accessible alternatives: a caption that summarises it in words, and the
 * same data as a table (with the drill-down links) behind a disclosure.
 */
export function ChartFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption>
        <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
        <p className="mt-1 text-xs text-slate-600">{summary}</p>
      </figcaption>
      <div className="mt-3 h-56" aria-hidden="true">
        {children}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-xs text-slate-600">{title}: data table</summary>
        <div className="mt-2 max-h-64 overflow-auto">{table}</div>
      </details>
    </figure>
  );
}

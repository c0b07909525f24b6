'use client';

/** Objects and arrays with more entries than this start collapsed. */
const OPEN_UP_TO = 8;

function Leaf({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    return (
      <span className="whitespace-pre-wrap break-all text-emerald-300">
        {JSON.stringify(value)}
      </span>
    );
  }
  if (value === null || value === undefined) return <span className="text-slate-400">null</span>;
  return <span className="text-sky-300">{JSON.stringify(value)}</span>;
}

function Node({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const label = name === undefined ? null : <span className="text-slate-300">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="pl-4">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? (value as unknown[]).map((item, i) => [String(i), item] as const)
    : Object.entries(value as Record<string, unknown>);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        {label}
        {open}
        {close}
      </div>
    );
  }
  return (
    <details open={depth < 2 && entries.length <= OPEN_UP_TO} className="pl-4">
      <summary className="cursor-pointer select-none">
        {label}
        {open}
        <span className="text-slate-400">
          {' '}
          {entries.length} {entries.length === 1 ? 'entry' : 'entries'}{' '}
        </span>
      </summary>
      {entries.map(([key, item]) => (
        <Node key={key} name={key} value={item} depth={depth + 1} />
      ))}
      <div className="pl-4">{close}</div>
    </details>
  );
}

/** A JSON value as a tree whose objects and arrays fold open and closed. */
export function JsonViewer({ value, label }: { value: unknown; label: string }) {
  return (
    <div
      role="group"
      aria-label={label}
      className="max-h-96 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100"
    >
      <Node value={value} depth={0} />
    </div>
  );
}

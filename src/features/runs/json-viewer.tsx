'use client';

/** Objects and arrays with more entries than this start collapsed. */
const OPEN_UP_TO = 8;
/** Entries of one object or array drawn before "n more", so a huge output stays readable. */
const SHOWN_ITEMS = 100;

interface JsonViewerProps {
  value: unknown;
  /** The accessible name of the viewer ("Input of fetch attempt 2"). */
  label: string;
  /** Levels open at first (small objects and arrays only). */
  openDepth?: number;
}

/** A JSON value as a tree whose objects and arrays fold open and closed. */
export function JsonViewer({ value, label, openDepth = 2 }: JsonViewerProps) {
  return (
    <div
      role="group"
      aria-label={label}
      className="max-h-96 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100"
    >
      <Node value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function Node(props: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const { name, value, depth, openDepth } = props;
  const label = name === undefined ? null : <span className="text-slate-300">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="pl-4">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value);
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
    <details open={depth < openDepth && entries.length <= OPEN_UP_TO} className="pl-4">
      <summary className="cursor-pointer select-none">
        {label}
        {open}
        <span className="text-slate-400">
          {' '}
          {entries.length} {entries.length === 1 ? 'entry' : 'entries'}{' '}
        </span>
      </summary>
      {entries.slice(0, SHOWN_ITEMS).map(([key, item]) => (
        <Node key={key} name={key} value={item} depth={depth + 1} openDepth={openDepth} />
      ))}
      {entries.length > SHOWN_ITEMS ? (
        <div className="pl-4 text-slate-400">… {entries.length - SHOWN_ITEMS} more</div>
      ) : null}
      <div className="pl-4">{close}</div>
    </details>
  );
}

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

/** Items of an array or object shown before "n more", so a huge output stays readable. */
const SHOWN_ITEMS = 100;

interface JsonTreeProps {
  value: unknown;
  /** Name of the root, read out for the outermost disclosure. */
  label: string;
  /** Levels open at first. */
  openDepth?: number;
}

/** A JSON value as nested disclosures: objects and arrays fold, scalars show inline. */
export function JsonTree({ value, label, openDepth = 1 }: JsonTreeProps) {
  return (
    <div className="overflow-auto rounded bg-slate-50 p-2 font-mono text-xs">
      <Node name={label} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function Node(props: { name: string; value: unknown; depth: number; openDepth: number }) {
  const { name, value, depth, openDepth } = props;
  if (typeof value !== 'object' || value === null) {
    return (
      <div className="pl-4">
        <span className="text-slate-600">{name}: </span>
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        <span className="text-slate-600">{name}: </span>
        {Array.isArray(value) ? '[]' : '{}'}
      </div>
    );
  }
  return (
    <details open={depth < openDepth} className="pl-4">
      <summary className="cursor-pointer -ml-4">
        <span className="text-slate-600">{name}</span>{' '}
        <span className="text-slate-400">{summary}</span>
      </summary>
      {entries.slice(0, SHOWN_ITEMS).map(([key, item]) => (
        <Node key={key} name={key} value={item} depth={depth + 1} openDepth={openDepth} />
      ))}
      {entries.length > SHOWN_ITEMS ? (
        <div className="pl-4 text-slate-400">… {entries.length - SHOWN_ITEMS} more</div>
      ) : null}
    </details>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    return (
      <span className="whitespace-pre-wrap break-all text-emerald-800">
        {JSON.stringify(value)}
      </span>
    );
  }
  if (value === undefined) return <span className="text-slate-400">undefined</span>;
  return <span className="text-blue-800">{JSON.stringify(value)}</span>;
}

'use client';

import Link from 'next/link';
import { useWorkspace } from '../shell/workspace-context';
import { StatusBadge } from './status-badge';

interface Related {
  parent: { id: string; status: string; workflow: { name: string } } | null;
  parentNodeId: string | null;
  retryOf: { id: string; status: string } | null;
  retries: { id: string; status: string }[];
  children: {
    id: string;
    status: string;
    parentNodeId: string | null;
    parentIndex: number | null;
    workflow: { name: string };
  }[];
  childCount: number;
}

function RunLink({
  id,
  status,
  children,
}: {
  id: string;
  status: string;
  children?: React.ReactNode;
}) {
  const { slug } = useWorkspace();
  return (
    <li className="flex items-center gap-2">
      <Link
        href={`/w/${slug}/runs/${id}`}
        className="font-mono text-xs text-brand-700 hover:underline"
      >
        {id}
      </Link>
      <StatusBadge status={status} />
      {children}
    </li>
  );
}

/** Links both ways: the parent run and child runs (sub-workflows, forEach), retries. */
export function RelatedRuns(props: Related) {
  const { parent, retryOf, retries, children, childCount } = props;
  if (!parent && !retryOf && retries.length === 0 && children.length === 0) return null;
  return (
    <nav
      aria-label="Related runs"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-2"
    >
      {parent ? (
        <section>
          <h3 className="mb-1 font-medium text-slate-600">Parent run</h3>
          <ul>
            <RunLink id={parent.id} status={parent.status}>
              <span className="text-slate-500">
                {parent.workflow.name}
                {props.parentNodeId ? `, step ${props.parentNodeId}` : ''}
              </span>
            </RunLink>
          </ul>
        </section>
      ) : null}
      {retryOf ? (
        <section>
          <h3 className="mb-1 font-medium text-slate-600">Retry of</h3>
          <ul>
            <RunLink id={retryOf.id} status={retryOf.status} />
          </ul>
        </section>
      ) : null}
      {retries.length ? (
        <section>
          <h3 className="mb-1 font-medium text-slate-600">Retried as</h3>
          <ul className="space-y-1">
            {retries.map((r) => (
              <RunLink key={r.id} id={r.id} status={r.status} />
            ))}
          </ul>
        </section>
      ) : null}
      {children.length ? (
        <section>
          <h3 className="mb-1 font-medium text-slate-600">
            Child runs{' '}
            {childCount > children.length ? `(first ${children.length} of ${childCount})` : ''}
          </h3>
          <ul className="max-h-60 space-y-1 overflow-auto">
            {children.map((c) => (
              <RunLink key={c.id} id={c.id} status={c.status}>
                <span className="text-slate-500">
                  {c.workflow.name} · {c.parentNodeId}
                  {c.parentIndex !== null ? `[${c.parentIndex}]` : ''}
                </span>
              </RunLink>
            ))}
          </ul>
        </section>
      ) : null}
    </nav>
  );
}

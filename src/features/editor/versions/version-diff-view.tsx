import type { WorkflowNode } from '@/engine';
import {
  describeEdge,
  isEmptyDiff,
  type DefinitionDiff,
  type ValueChange,
} from './diff-definitions';

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 1));

const nodeLabel = (node: Pick<WorkflowNode, 'id' | 'name'>) =>
  node.name ? `${node.name} (${node.id})` : node.id;

/** A diff between two versions, grouped the way a reviewer reads it. */
export function VersionDiffView({ diff, title }: { diff: DefinitionDiff; title: string }) {
  return (
    <section aria-label={title} className="space-y-3 text-sm">
      <h3 className="font-semibold text-slate-800">{title}</h3>
      {isEmptyDiff(diff) ? <p className="text-slate-500">No differences.</p> : null}
      {diff.name ? <Changes heading="Workflow name" changes={[diff.name]} /> : null}
      <List
        heading="Nodes added"
        items={diff.nodesAdded.map((n) => `${nodeLabel(n)} · ${n.type}`)}
        tone="added"
      />
      <List
        heading="Nodes removed"
        items={diff.nodesRemoved.map((n) => `${nodeLabel(n)} · ${n.type}`)}
        tone="removed"
      />
      {diff.nodesChanged.map((node) => (
        <Changes key={node.id} heading={`Node ${nodeLabel(node)} changed`} changes={node.changes} />
      ))}
      <List heading="Nodes moved" items={diff.nodesMoved} tone="neutral" />
      <List heading="Edges added" items={diff.edgesAdded.map(describeEdge)} tone="added" />
      <List heading="Edges removed" items={diff.edgesRemoved.map(describeEdge)} tone="removed" />
      {diff.vars.length > 0 ? <Changes heading="Variables" changes={diff.vars} /> : null}
    </section>
  );
}

const TONES = {
  added: 'text-emerald-800',
  removed: 'text-red-800 line-through',
  neutral: 'text-slate-700',
} as const;

function List(props: { heading: string; items: string[]; tone: keyof typeof TONES }) {
  if (props.items.length === 0) return null;
  return (
    <div>
      <h4 className="font-medium text-slate-700">{props.heading}</h4>
      <ul aria-label={props.heading} className="ml-4 list-disc">
        {props.items.map((item) => (
          <li key={item} className={TONES[props.tone]}>
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Changes({ heading, changes }: { heading: string; changes: ValueChange[] }) {
  return (
    <div>
      <h4 className="font-medium text-slate-700">{heading}</h4>
      <table aria-label={heading} className="mt-1 w-full table-fixed border-collapse text-xs">
        <thead>
          <tr className="text-left text-slate-500">
            <th scope="col" className="w-1/4 pr-2 font-medium">
              Field
            </th>
            <th scope="col" className="pr-2 font-medium">
              Before
            </th>
            <th scope="col" className="font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.path} className="align-top">
              <th scope="row" className="pr-2 text-left font-mono font-normal">
                {change.path}
              </th>
              <td className="pr-2">
                <pre className="whitespace-pre-wrap break-all bg-red-50 px-1 text-red-900">
                  {show(change.before)}
                </pre>
              </td>
              <td>
                <pre className="whitespace-pre-wrap break-all bg-emerald-50 px-1 text-emerald-900">
                  {show(change.after)}
                </pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

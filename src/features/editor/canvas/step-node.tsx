'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { nodeName } from '../model/edit-ops';
import { TARGET_HANDLE, type StepFlowNode, type StepStatusOverlay } from '../model/flow-types';
import { StepIcon } from './step-icon';

const STATUS_COLORS: Record<string, string> = {
  succeeded: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
  running: 'bg-sky-100 text-sky-800',
  scheduled: 'bg-sky-50 text-sky-700',
  waiting: 'bg-amber-100 text-amber-800',
  pending: 'bg-slate-100 text-slate-700',
  skipped: 'bg-slate-100 text-slate-600',
  cancelled: 'bg-slate-100 text-slate-500',
  // Test coverage, drawn in the same place as a run's statuses.
  tested: 'bg-emerald-50 text-emerald-700',
  untested: 'bg-amber-100 text-amber-800',
};

/**
 * One step on the canvas. Memoised: React Flow hands it a new object only when this node
 * changed, so dragging one node does not re-render the other hundreds.
 */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const name = nodeName(data.node);
  const border = data.issue ? 'border-red-500' : selected ? 'border-brand-600' : 'border-slate-300';
  const labelled = data.ports.length > 1 || data.ports[0] !== 'out';
  return (
    <div
      className={`w-52 rounded-lg border-2 bg-white text-left shadow-sm ${border} ${selected ? 'ring-2 ring-brand-500/40' : ''}`}
      data-invalid={data.issue ? 'true' : undefined}
    >
      {data.trigger ? null : (
        <Handle
          type="target"
          position={Position.Left}
          id={TARGET_HANDLE}
          role="img"
          aria-label={`${name} input`}
          isConnectable={!data.readOnly}
          className="!h-3 !w-3 !bg-slate-500"
        />
      )}
      <div className="flex items-center gap-2 px-3 pt-2 pb-1">
        <StepIcon typeId={data.node.type} category={data.category} />
        <div className="min-w-0">
          <div className="truncate text-sm font-medium text-slate-900">{name}</div>
          <div className="truncate text-xs text-slate-500">{data.typeName}</div>
        </div>
      </div>
      {data.issue ? (
        <p className="mx-3 mb-1 line-clamp-2 text-xs text-red-700" title={data.issue}>
          <span className="sr-only">Problem: </span>
          {data.issue}
        </p>
      ) : null}
      {data.overlay ? <RunBadge overlay={data.overlay} /> : null}
      <div className="pb-2">
        {data.ports.map((port) => (
          <div key={port} className="relative h-5 pr-4 text-right text-[11px] text-slate-500">
            {labelled ? port : null}
            <Handle
              type="source"
              position={Position.Right}
              id={port}
              role="img"
              aria-label={`${name} output ${port}`}
              isConnectable={!data.readOnly}
              className={`!h-3 !w-3 ${port === 'error' ? '!bg-red-500' : '!bg-brand-600'}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
});

function RunBadge({ overlay }: { overlay: StepStatusOverlay }) {
  return (
    <div className="mx-3 mb-1 space-y-0.5 text-xs">
      <div className="flex items-center gap-2">
        <span
          className={`rounded px-1.5 py-0.5 font-medium ${STATUS_COLORS[overlay.status] ?? STATUS_COLORS.pending}`}
          data-status={overlay.status}
        >
          <span className="sr-only">Status: </span>
          {overlay.status}
        </span>
        {overlay.durationMs !== undefined ? (
          <span className="text-slate-500">
            <span className="sr-only">Duration: </span>
            {formatDuration(overlay.durationMs)}
          </span>
        ) : null}
        {overlay.attempts > 1 ? (
          <span className="text-slate-500">{overlay.attempts} attempts</span>
        ) : null}
      </div>
      {overlay.outputPreview ? (
        <div
          className="truncate font-mono text-[11px] text-slate-600"
          title={overlay.outputPreview}
        >
          <span className="sr-only">Output: </span>
          {overlay.outputPreview}
        </div>
      ) : null}
    </div>
  );
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

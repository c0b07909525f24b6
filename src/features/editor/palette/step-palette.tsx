'use client';

import { memo, useMemo, useState, type DragEvent } from 'react';
import type { StepCategory, StepTypeDescription } from '@/engine';
import { StepIcon } from '../canvas/step-icon';

/** The drag payload type: the step type id, dropped on the canvas. */
export const STEP_DRAG_TYPE = 'application/x-miniflow-step';

const CATEGORY_LABELS: Record<StepCategory, string> = {
  trigger: 'Triggers',
  flow: 'Flow',
  data: 'Data',
  action: 'Actions',
  code: 'Code',
  utility: 'Utilities',
};
const ORDER: StepCategory[] = ['trigger', 'flow', 'data', 'action', 'code', 'utility'];

interface StepPaletteProps {
  types: readonly StepTypeDescription[];
  readOnly: boolean;
  onAdd: (type: StepTypeDescription) => void;
}

/** Every step type, grouped and searchable: drag one onto the canvas, or click / Enter it. */
export const StepPalette = memo(function StepPalette({ types, readOnly, onAdd }: StepPaletteProps) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching = types.filter(
      (t) =>
        q === '' ||
        t.displayName.toLowerCase().includes(q) ||
        t.description.toLowerCase().includes(q) ||
        t.id.toLowerCase().includes(q),
    );
    return ORDER.map((category) => ({
      category,
      items: matching.filter((t) => t.category === category),
    })).filter((g) => g.items.length > 0);
  }, [types, query]);

  const onDragStart = (event: DragEvent, type: StepTypeDescription) => {
    event.dataTransfer.setData(STEP_DRAG_TYPE, type.id);
    event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <section aria-label="Steps" className="flex h-full flex-col gap-2 overflow-hidden">
      <label className="block text-xs font-medium text-slate-600">
        Search steps
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
      </label>
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto pr-1">
        {groups.map((group) => (
          <div key={group.category}>
            <h2 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {CATEGORY_LABELS[group.category]}
            </h2>
            <ul className="space-y-1">
              {group.items.map((type) => (
                <li key={type.id}>
                  <button
                    type="button"
                    draggable={!readOnly}
                    disabled={readOnly}
                    onDragStart={(e) => onDragStart(e, type)}
                    onClick={() => onAdd(type)}
                    aria-label={type.displayName}
                    title={type.description}
                    className="flex w-full cursor-grab items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1 text-left text-sm hover:border-brand-500 disabled:cursor-not-allowed disabled:opacity-60"
                  >
                    <StepIcon typeId={type.id} category={type.category} />
                    <span className="min-w-0 leading-tight break-words">{type.displayName}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {groups.length === 0 ? <p className="text-sm text-slate-500">No step matches.</p> : null}
      </div>
    </section>
  );
});

'use client';

import type { KeyboardEvent } from 'react';

export type WorkflowTab = 'designer' | 'tests';

const TABS: { id: WorkflowTab; label: string }[] = [
  { id: 'designer', label: 'Designer' },
  { id: 'tests', label: 'Tests' },
];

/** The workflow page's tabs; arrow keys move between them, as in every tab list. */
export function WorkflowTabs({
  tab,
  onTab,
}: {
  tab: WorkflowTab;
  onTab: (tab: WorkflowTab) => void;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(index + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    onTab(next.id);
    document.getElementById(`tab-${next.id}-button`)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="Workflow views"
      className="flex gap-1 border-b border-slate-200"
    >
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}-button`}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls={`tab-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => onTab(t.id)}
          onKeyDown={onKeyDown}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${
            tab === t.id
              ? 'border-brand-600 text-brand-700'
              : 'border-transparent text-slate-600 hover:text-slate-900'
          }`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

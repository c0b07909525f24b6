const GLYPHS: Record<string, string> = {
  manual: '▶',
  webhook: '⚡',
  cron: '⊙',
  http: '⇄',
  code: '{}',
  transform: 'ƒ',
  set: '✎',
  if: '◇',
  switch: '⋔',
  merge: '⋈',
  forEach: '↻',
  delay: '∥',
  subWorkflow: '⊞',
  respond: '↩',
  log: '☰',
  fail: '✖',
  noop: '○',
};

const CATEGORY_COLORS: Record<string, string> = {
  trigger: 'bg-emerald-100 text-emerald-800',
  flow: 'bg-amber-100 text-amber-800',
  data: 'bg-sky-100 text-sky-800',
  action: 'bg-violet-100 text-violet-800',
  code: 'bg-slate-800 text-white',
  utility: 'bg-slate-100 text-slate-700',
};

/** Decorative: the type's name is always written next to it. */
export function StepIcon({ typeId, category }: { typeId: string; category: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md text-sm font-semibold ${CATEGORY_COLORS[category] ?? CATEGORY_COLORS.utility}`}
    >
      {GLYPHS[typeId] ?? '•'}
    </span>
  );
}

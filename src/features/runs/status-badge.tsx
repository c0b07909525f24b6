const COLORS: Record<string, string> = {
  succeeded: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
  cancelled: 'bg-slate-200 text-slate-700',
  running: 'bg-blue-100 text-blue-800',
  scheduled: 'bg-sky-50 text-sky-800',
  waiting: 'bg-amber-100 text-amber-800',
  queued: 'bg-slate-100 text-slate-700',
  pending: 'bg-slate-100 text-slate-700',
  skipped: 'bg-slate-100 text-slate-600',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? 'bg-slate-100'}`}>
      {status}
    </span>
  );
}

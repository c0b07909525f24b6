import type { SaveState } from '../state/use-autosave';

const TEXT = { saved: 'All changes saved', pending: 'Unsaved changes', saving: 'Saving…' };

/** The draft's save state, announced politely as it changes. */
export function SaveStatus({ state, readOnly }: { state: SaveState; readOnly: boolean }) {
  const text = readOnly
    ? 'Read only'
    : state.status === 'error'
      ? 'Not saved'
      : state.status === 'conflict'
        ? 'Changed elsewhere'
        : TEXT[state.status];
  // Read only is a fact about the viewer, not good news about the draft: not the saved green.
  const tone = readOnly
    ? 'rounded bg-slate-100 px-2 py-0.5 text-slate-700'
    : state.status === 'error' || state.status === 'conflict'
      ? 'text-red-700'
      : state.status === 'saved'
        ? 'text-emerald-700'
        : 'text-slate-500';
  return (
    <span role="status" aria-label="Draft status" className={`text-xs font-medium ${tone}`}>
      {text}
    </span>
  );
}

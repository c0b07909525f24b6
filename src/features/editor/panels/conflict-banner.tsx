import { Button } from '@/components/ui/button';

/** Shown when someone else saved the draft first: nothing is overwritten until the user picks. */
export function ConflictBanner({ onReload, pending }: { onReload: () => void; pending: boolean }) {
  return (
    <div
      role="alert"
      className="flex items-center gap-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
    >
      <p className="flex-1">
        This draft was changed in another tab or by someone else, so your latest changes were not
        saved. Reload the latest draft to continue editing (your unsaved changes are discarded).
      </p>
      <Button variant="danger" onClick={onReload} disabled={pending}>
        Reload latest draft
      </Button>
    </div>
  );
}

import { Button } from '@/components/ui/button';

/** Says the canvas shows a published version, not the draft. */
export function VersionBanner({ number, onBack }: { number: number; onBack: () => void }) {
  return (
    <div
      role="region"
      aria-label="Version view"
      className="flex items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p className="flex-1">Viewing version {number}, read only. Edits go to the draft.</p>
      <Button variant="secondary" onClick={onBack}>
        Back to draft
      </Button>
    </div>
  );
}

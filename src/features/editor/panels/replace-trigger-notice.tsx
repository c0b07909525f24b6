import { Button } from '@/components/ui/button';

interface ReplaceTriggerNoticeProps {
  /** The selected trigger, which would stay. */
  name: string;
  /** The workflow's other triggers, which it would replace. */
  others: readonly string[];
  readOnly: boolean;
  onReplace: () => void;
}

/**
 * Shown on a trigger when the workflow has another one: a workflow has exactly one, so the
 * way forward is to swap them (undo brings the old one back).
 */
export function ReplaceTriggerNotice({
  name,
  others,
  readOnly,
  onReplace,
}: ReplaceTriggerNoticeProps) {
  const list = others.join(', ');
  return (
    <div
      role="note"
      aria-label="Replace trigger"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p>
        A workflow has exactly one trigger, and this one already has {list}. Replace it with {name}:
        its connections move over.
      </p>
      <Button variant="secondary" onClick={onReplace} disabled={readOnly}>
        Replace trigger
      </Button>
    </div>
  );
}

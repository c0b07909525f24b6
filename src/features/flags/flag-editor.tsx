'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { Flag } from '@/engine/flags';
import { useTRPC } from '@/trpc/react';
import { JsonDocumentField } from './json-document-field';
import { parseFlagText, sliderRule, withRollout } from './flag-draft';

/**
 * The flag as its JSON document (what git and the REST API hold, so it imports and exports as
 * is), with a switch for on/off and a slider for the last two-variant rollout.
 */
export function FlagEditor({
  initial,
  canEdit,
  onSaved,
}: {
  initial: Flag;
  canEdit: boolean;
  onSaved: (key: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const parsed = parseFlagText(text);
  const flag = 'flag' in parsed ? parsed.flag : undefined;
  const save = useMutation(
    trpc.flag.put.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flag.pathKey() });
        onSaved(saved.flag.key);
      },
    }),
  );
  const ids = { title: useId() };
  const rule = flag ? sliderRule(flag) : -1;
  const rollout =
    flag && rule !== -1
      ? (flag.rules[rule]!.serve as { rollout: Record<string, number> }).rollout
      : undefined;
  const [firstVariant] = rollout ? Object.keys(rollout) : [];
  const update = (next: Flag) => setText(JSON.stringify(next, null, 2));
  return (
    <section
      aria-labelledby={ids.title}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={ids.title} className="text-lg font-semibold">
        {flag ? `Flag ${flag.key}` : 'Flag'}
      </h2>
      {flag ? (
        <div className="flex flex-wrap items-center gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={flag.enabled}
              disabled={!canEdit}
              onChange={(e) => update({ ...flag, enabled: e.target.checked })}
            />
            Enabled
          </label>
          {rollout && firstVariant ? (
            <label className="flex items-center gap-2">
              Rollout to “{firstVariant}”
              <input
                type="range"
                min={0}
                max={100}
                step={1}
                value={rollout[firstVariant]}
                disabled={!canEdit}
                aria-label={`Rollout to ${firstVariant} (percent)`}
                onChange={(e) => update(withRollout(flag, Number(e.target.value)))}
              />
              <output>{rollout[firstVariant]} %</output>
            </label>
          ) : null}
        </div>
      ) : null}
      <JsonDocumentField
        label="Flag document (JSON)"
        value={text}
        rows={14}
        readOnly={!canEdit}
        {...('error' in parsed ? { problem: parsed.error } : {})}
        onChange={setText}
      />
      {save.error ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
      {canEdit ? (
        <Button disabled={!flag || save.isPending} onClick={() => flag && save.mutate(flag)}>
          Save flag
        </Button>
      ) : null}
    </section>
  );
}

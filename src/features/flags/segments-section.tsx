'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { Segment } from '@/engine/flags';
import { useTRPC } from '@/trpc/react';
import { JsonDocumentField } from './json-document-field';
import { NEW_SEGMENT, parseSegmentText } from './segment-draft';

/**
 * Named segments that flag rules match with `inSegment`: a list, and an editor of the segment
 * document (targeting keys picked by hand and/or conditions on context attributes).
 */
export function SegmentsSection({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const segments = useQuery(trpc.segment.list.queryOptions());
  const [editing, setEditing] = useState<{ segment: Segment; version: number } | null>(null);
  const ids = { title: useId() };
  return (
    <section aria-labelledby={ids.title} className="space-y-3">
      <div className="flex items-center justify-between">
        <h2 id={ids.title} className="text-lg font-semibold">
          Segments
        </h2>
        {canEdit ? (
          <Button
            variant="secondary"
            onClick={() => setEditing({ segment: NEW_SEGMENT, version: 0 })}
          >
            New segment
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        A rule condition <code>inSegment</code> holds for a context whose targeting key is listed in
        the segment or that meets all of its conditions.
      </p>
      {segments.data?.length === 0 ? (
        <p className="text-sm text-slate-600">No segments yet.</p>
      ) : null}
      {segments.data?.length ? (
        <table
          aria-labelledby={ids.title}
          className="w-full rounded-lg border border-slate-200 bg-white text-sm"
        >
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Key</th>
              <th className="px-4 py-2 font-medium">Description</th>
              <th className="px-4 py-2 font-medium">Targeting keys</th>
              <th className="px-4 py-2 font-medium">Conditions</th>
              <th className="px-4 py-2 font-medium">Version</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {segments.data.map(({ segment, version }) => (
              <tr key={segment.key}>
                <td className="px-4 py-2">
                  <button
                    type="button"
                    className="font-mono text-brand-700 hover:underline"
                    aria-label={`Open segment ${segment.key}`}
                    onClick={() => setEditing({ segment, version })}
                  >
                    {segment.key}
                  </button>
                </td>
                <td className="px-4 py-2">{segment.description}</td>
                <td className="px-4 py-2">{segment.targetingKeys?.length ?? 0}</td>
                <td className="px-4 py-2">{segment.when?.length ?? 0}</td>
                <td className="px-4 py-2">{version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {editing ? (
        <SegmentEditor
          key={`${editing.segment.key}:${editing.version}`}
          initial={editing.segment}
          isNew={editing.version === 0}
          canEdit={canEdit}
          onDone={(saved) => setEditing(saved)}
        />
      ) : null}
    </section>
  );
}

function SegmentEditor({
  initial,
  isNew,
  canEdit,
  onDone,
}: {
  initial: Segment;
  isNew: boolean;
  canEdit: boolean;
  onDone: (saved: { segment: Segment; version: number } | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const parsed = parseSegmentText(text);
  const segment = 'segment' in parsed ? parsed.segment : undefined;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.segment.pathKey() });
  const save = useMutation(
    trpc.segment.put.mutationOptions({
      onSuccess: async (saved) => {
        await refresh();
        onDone({ segment: saved.segment, version: saved.version });
      },
    }),
  );
  const remove = useMutation(
    trpc.segment.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDone(null);
      },
    }),
  );
  const ids = { title: useId() };
  const error = save.error ?? remove.error;
  return (
    <section
      aria-labelledby={ids.title}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={ids.title} className="text-base font-semibold">
        {isNew ? 'New segment' : `Segment ${initial.key}`}
      </h3>
      <JsonDocumentField
        label="Segment document (JSON)"
        value={text}
        rows={10}
        readOnly={!canEdit}
        {...('error' in parsed ? { problem: parsed.error } : {})}
        onChange={setText}
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      {canEdit ? (
        <div className="flex gap-3">
          <Button
            disabled={!segment || save.isPending}
            onClick={() => segment && save.mutate(segment)}
          >
            Save segment
          </Button>
          {isNew ? null : (
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ key: initial.key })}
            >
              Delete segment
            </Button>
          )}
        </div>
      ) : null}
    </section>
  );
}

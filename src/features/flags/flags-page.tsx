'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { FlagEditor } from './flag-editor';
import { flagFile } from './flag-files';
import { downloadFlagFile, FlagFilesPanel } from './flag-files-panel';
import { FlagHistory } from './flag-history';
import { NEW_FLAG } from './flag-draft';
import { SegmentsSection } from './segments-section';
import { TryFlagPanel } from './try-flag-panel';

/**
 * The workspace's flags: a list, and for the chosen one its editor, a "try it" panel and
 * history; flag files to import and export; the segments rules refer to.
 */
export function FlagsPage() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const canEdit = hasRole(workspace.role, 'editor');
  const flags = useQuery(trpc.flag.list.queryOptions());
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const current = flags.data?.find((f) => f.flag.key === selected);
  return (
    <div className="space-y-6">
      <section aria-labelledby="flag-list-title" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="flag-list-title" className="text-lg font-semibold">
            Flags
          </h2>
          {canEdit ? (
            <Button
              onClick={() => {
                setCreating(true);
                setSelected(null);
              }}
            >
              New flag
            </Button>
          ) : null}
        </div>
        {flags.data?.length === 0 ? <p className="text-sm text-slate-600">No flags yet.</p> : null}
        {flags.data?.length ? (
          <table
            aria-labelledby="flag-list-title"
            className="w-full rounded-lg border border-slate-200 bg-white text-sm"
          >
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-4 py-2 font-medium">Key</th>
                <th className="px-4 py-2 font-medium">Kind</th>
                <th className="px-4 py-2 font-medium">State</th>
                <th className="px-4 py-2 font-medium">Rules</th>
                <th className="px-4 py-2 font-medium">Version</th>
                <th className="px-4 py-2 font-medium">
                  <span className="sr-only">File</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {flags.data.map(({ flag, version }) => (
                <tr key={flag.key}>
                  <td className="px-4 py-2">
                    <button
                      type="button"
                      className="font-mono text-brand-700 hover:underline"
                      aria-label={`Open flag ${flag.key}`}
                      onClick={() => {
                        setSelected(flag.key);
                        setCreating(false);
                      }}
                    >
                      {flag.key}
                    </button>
                  </td>
                  <td className="px-4 py-2">{flag.kind}</td>
                  <td className="px-4 py-2">{flag.enabled ? 'On' : 'Off'}</td>
                  <td className="px-4 py-2">{flag.rules.length}</td>
                  <td className="px-4 py-2">{version}</td>
                  <td className="px-4 py-2">
                    <Button
                      variant="ghost"
                      aria-label={`Export flag ${flag.key}`}
                      onClick={() => downloadFlagFile(flagFile(flag))}
                    >
                      Export
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {creating ? (
        <FlagEditor
          key="new"
          initial={NEW_FLAG}
          canEdit={canEdit}
          onSaved={(key) => {
            setCreating(false);
            setSelected(key);
          }}
        />
      ) : null}
      {current ? (
        <div className="space-y-6">
          <FlagEditor
            key={`${current.flag.key}:${current.version}`}
            initial={current.flag}
            canEdit={canEdit}
            onSaved={setSelected}
          />
          <TryFlagPanel flagKey={current.flag.key} />
          <FlagHistory flagKey={current.flag.key} />
        </div>
      ) : null}
      <FlagFilesPanel flags={flags.data?.map((f) => f.flag) ?? []} canEdit={canEdit} />
      <SegmentsSection canEdit={canEdit} />
    </div>
  );
}

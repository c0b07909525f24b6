'use client';

import { downloadFile } from '@/components/download-file';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { PolicyExceptions } from './policy-exceptions';
import { PolicyForm } from './policy-form';

/**
 * The compliance policy (admins edit it) and where every workflow stands against it, with
 * the exceptions granted (admins grant and revoke them there); the report downloads as CSV.
 */
export function PolicySettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workspace = useWorkspace();
  const policy = useQuery(trpc.policy.get.queryOptions());
  const report = useQuery(trpc.policy.report.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const isAdmin = hasRole(workspace.role, 'admin');
  const download = async () => {
    setError(null);
    try {
      const { csv, filename } = await queryClient.fetchQuery({
        ...trpc.policy.exportCsv.queryOptions(),
        staleTime: 0,
        gcTime: 0,
      });
      downloadFile(csv, filename, 'text/csv;charset=utf-8');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="policy-title" className="space-y-4">
      <h2 id="policy-title" className="text-lg font-semibold">
        Compliance policy
      </h2>
      <p className="text-sm text-slate-600">
        Checked when a workflow is published and shown in the designer; allowed hosts also bind
        running workflows at once.
      </p>
      {policy.data && isAdmin ? <PolicyForm policy={policy.data.policy} /> : null}
      {report.data?.length ? (
        <table
          aria-label="Compliance report"
          className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
        >
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Workflow</th>
              <th className="px-4 py-2 font-medium">Checked</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 font-medium">Exceptions</th>
              {isAdmin ? <th className="px-4 py-2 font-medium">Grant or revoke</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {report.data.map((row) => (
              <tr key={row.workflowId} aria-label={`Compliance of ${row.name}`}>
                <td className="px-4 py-2">{row.name}</td>
                <td className="px-4 py-2">
                  {row.publishedVersion === null ? 'draft' : `version ${row.publishedVersion}`}
                </td>
                <td className="px-4 py-2">
                  {row.status === 'compliant'
                    ? 'compliant'
                    : row.violations.map((v) => <p key={v.path + v.rule}>{v.message}</p>)}
                </td>
                <td className="px-4 py-2">{row.exceptions.join(', ') || '—'}</td>
                {isAdmin ? (
                  <td className="px-4 py-2">
                    <PolicyExceptions row={row} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="flex items-center gap-3">
        <Button variant="secondary" onClick={() => void download()}>
          Export compliance report (CSV)
        </Button>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </section>
  );
}

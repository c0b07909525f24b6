'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';
import { QuotaBars } from '../settings/quota-bars';
import { InstanceAdmins } from './instance-admins';
import { WorkspaceQuotaForm } from './workspace-quota-form';

/** The installation's page: every workspace's quotas and usage, and its admins. */
export function InstancePage() {
  const trpc = useTRPC();
  const status = useQuery(trpc.instance.status.queryOptions());
  if (!status.data) return null;
  if (!status.data.instanceAdmin) {
    return (
      <p role="alert" className="text-sm text-slate-700">
        This page is for the instance admins of this MiniFlow installation.
      </p>
    );
  }
  return (
    <div className="space-y-10">
      <WorkspaceQuotas />
      <InstanceAdmins />
    </div>
  );
}

function WorkspaceQuotas() {
  const trpc = useTRPC();
  const list = useQuery(trpc.instance.workspaces.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="workspace-quotas-title" className="space-y-4">
      <h2 id="workspace-quotas-title" className="text-lg font-semibold">
        Workspaces and quotas
      </h2>
      <p className="text-sm text-slate-600">
        A quota left empty is the environment&apos;s default (MINIFLOW_QUOTA_*). Changes are
        recorded in the workspace&apos;s audit log.
      </p>
      {list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : null}
      <ul aria-label="Workspaces" className="space-y-4">
        {list.data?.workspaces.map((w) => (
          <li
            key={w.workspaceId}
            aria-label={`Workspace ${w.name}`}
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <div className="flex items-center justify-between">
              <h3 className="font-medium">
                {w.name} <span className="font-mono text-xs text-slate-500">{w.slug}</span>
              </h3>
              {editing !== w.workspaceId ? (
                <Button
                  variant="secondary"
                  aria-label={`Edit quotas of ${w.name}`}
                  onClick={() => setEditing(w.workspaceId)}
                >
                  Edit quotas
                </Button>
              ) : null}
            </div>
            <QuotaBars usage={w.usage} prefix={`${w.name}: `} />
            {editing === w.workspaceId ? (
              <WorkspaceQuotaForm
                workspace={w}
                overrides={w.overrides}
                defaults={list.data.defaults}
                onDone={() => setEditing(null)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

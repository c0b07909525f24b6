'use client';

import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hasRole, ROLES } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { CreateApiKeyForm } from './create-api-key-form';

const when = (date: Date | null) => (date ? date.toLocaleString() : '—');

/** Admins make and revoke the workspace's keys for the REST API and the remote CLI. */
export function ApiKeysSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workspace = useWorkspace();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
  const revoke = useMutation(trpc.apiKey.revoke.mutationOptions({ onSettled: refresh }));
  const roles = ROLES.filter(
    (r): r is Exclude<typeof r, 'owner'> => r !== 'owner' && hasRole(workspace.role, r),
  );
  return (
    <section aria-labelledby="api-keys-title" className="space-y-4">
      <h2 id="api-keys-title" className="text-lg font-semibold">
        API keys
      </h2>
      <p className="text-sm text-slate-600">
        A key acts in this workspace with its role, for the REST API and <code>npx miniflow</code>.{' '}
        <Link href={`/w/${workspace.slug}/settings/api`} className="text-brand-700 underline">
          REST API reference
        </Link>
      </p>
      <CreateApiKeyForm roles={roles} onCreated={() => void refresh()} />
      {revoke.error ? (
        <p role="alert" className="text-sm text-red-700">
          {revoke.error.message}
        </p>
      ) : null}
      {keys.data?.length ? (
        <table
          aria-labelledby="api-keys-title"
          className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
        >
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Role</th>
              <th className="px-4 py-2 font-medium">Key</th>
              <th className="px-4 py-2 font-medium">Created by</th>
              <th className="px-4 py-2 font-medium">Created</th>
              <th className="px-4 py-2 font-medium">Expires</th>
              <th className="px-4 py-2 font-medium">Last used</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {keys.data.map((key) => (
              <tr key={key.id} aria-label={`API key ${key.name}`}>
                <td className="px-4 py-2">{key.name}</td>
                <td className="px-4 py-2">{key.role}</td>
                <td className="px-4 py-2 font-mono">{key.prefix}…</td>
                <td className="px-4 py-2">{key.createdBy ?? 'command line'}</td>
                <td className="px-4 py-2">{when(key.createdAt)}</td>
                <td className="px-4 py-2">{key.expiresAt ? when(key.expiresAt) : 'never'}</td>
                <td className="px-4 py-2">{when(key.lastUsedAt)}</td>
                <td className="px-4 py-2">{key.status}</td>
                <td className="px-4 py-2">
                  {key.status === 'active' ? (
                    <button
                      type="button"
                      onClick={() => revoke.mutate({ id: key.id })}
                      aria-label={`Revoke API key ${key.name}`}
                      className="text-red-700 hover:underline"
                    >
                      Revoke
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No API keys yet.</p>
      )}
    </section>
  );
}

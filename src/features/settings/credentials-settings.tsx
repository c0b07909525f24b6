'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  CREDENTIAL_TYPE_LABELS,
  CREDENTIAL_TYPES,
  type CredentialType,
} from '@/shared/credential-types';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { CredentialForm } from './credential-form';

const when = (date: Date | null) => (date ? date.toLocaleString() : '—');
const typeOf = (type: string) => CREDENTIAL_TYPES.find((t) => t === type) ?? 'secret';

/** Admins add, replace and delete the workspace's credentials; values are never shown. */
export function CredentialsSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workspace = useWorkspace();
  const credentials = useQuery(trpc.credential.list.queryOptions());
  const masking = useQuery(trpc.masking.get.queryOptions());
  const [replacing, setReplacing] = useState<{ id: string; name: string; type: CredentialType }>();
  const refresh = () => {
    setReplacing(undefined);
    void queryClient.invalidateQueries({ queryKey: trpc.credential.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.masking.get.queryKey() });
  };
  const remove = useMutation(trpc.credential.delete.mutationOptions({ onSettled: refresh }));
  const fallback = useMutation(
    trpc.credential.setEnvFallback.mutationOptions({ onSettled: refresh }),
  );
  return (
    <section aria-labelledby="credentials-title" className="space-y-4">
      <h2 id="credentials-title" className="text-lg font-semibold">
        Credentials
      </h2>
      <p className="text-sm text-slate-600">
        Encrypted secrets and connections of this workspace. Steps use them by name:{' '}
        <code>{"$secret('NAME')"}</code> in expressions, or a step’s credential field. Once saved, a
        value is never shown again.
      </p>
      <CredentialForm onDone={refresh} />
      {replacing ? (
        <CredentialForm key={replacing.id} replacing={replacing} onDone={refresh} />
      ) : null}
      {remove.error ? (
        <p role="alert" className="text-sm text-red-700">
          {remove.error.message}
        </p>
      ) : null}
      {credentials.data?.length ? (
        <table
          aria-labelledby="credentials-title"
          className="w-full rounded-lg border border-slate-200 bg-white text-sm"
        >
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Type</th>
              <th className="px-4 py-2 font-medium">Value</th>
              <th className="px-4 py-2 font-medium">Set by</th>
              <th className="px-4 py-2 font-medium">Changed</th>
              <th className="px-4 py-2 font-medium">Last used</th>
              <th className="px-4 py-2 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {credentials.data.map((c) => (
              <tr key={c.id} aria-label={`Credential ${c.name}`}>
                <td className="px-4 py-2 font-mono">{c.name}</td>
                <td className="px-4 py-2">{CREDENTIAL_TYPE_LABELS[typeOf(c.type)]}</td>
                <td className="px-4 py-2">set (version {c.version})</td>
                <td className="px-4 py-2">{c.updatedBy ?? '—'}</td>
                <td className="px-4 py-2">{when(c.updatedAt)}</td>
                <td className="px-4 py-2">{when(c.lastUsedAt)}</td>
                <td className="space-x-3 px-4 py-2">
                  <button
                    type="button"
                    onClick={() => setReplacing({ id: c.id, name: c.name, type: typeOf(c.type) })}
                    aria-label={`Replace credential ${c.name}`}
                    className="text-brand-700 hover:underline"
                  >
                    Replace
                  </button>
                  <button
                    type="button"
                    onClick={() => remove.mutate({ id: c.id })}
                    aria-label={`Delete credential ${c.name}`}
                    className="text-red-700 hover:underline"
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No credentials yet.</p>
      )}
      {hasRole(workspace.role, 'owner') && masking.data ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={masking.data.envSecretFallback}
            onChange={(e) => fallback.mutate({ enabled: e.target.checked })}
          />
          Let <code>$secret()</code> fall back to the server’s MINIFLOW_SECRET_* variables
        </label>
      ) : null}
    </section>
  );
}

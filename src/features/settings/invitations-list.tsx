'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';

export function InvitationsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitation.list.queryOptions());
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() }),
    }),
  );
  if (!invitations.data?.length) return null;
  return (
    <section aria-labelledby="invitations-title" className="space-y-3">
      <h3 id="invitations-title" className="font-medium">
        Invitations
      </h3>
      {revoke.error ? (
        <p role="alert" className="text-sm text-red-700">
          {revoke.error.message}
        </p>
      ) : null}
      <table
        aria-labelledby="invitations-title"
        className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
      >
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">Email</th>
            <th className="px-4 py-2 font-medium">Role</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 font-medium">Expires</th>
            <th className="px-4 py-2 font-medium">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {invitations.data.map((inv) => (
            <tr key={inv.id} aria-label={`Invitation for ${inv.email}`}>
              <td className="px-4 py-2">{inv.email}</td>
              <td className="px-4 py-2">{inv.role}</td>
              <td className="px-4 py-2">{inv.status}</td>
              <td className="px-4 py-2">{inv.expiresAt.toLocaleString()}</td>
              <td className="px-4 py-2">
                {inv.status === 'pending' ? (
                  <button
                    type="button"
                    onClick={() => revoke.mutate({ invitationId: inv.id })}
                    aria-label={`Revoke invitation for ${inv.email}`}
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
    </section>
  );
}

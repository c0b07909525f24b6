'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hasRole, ROLES, type Role } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { InvitationsList } from './invitations-list';
import { InviteMemberForm } from './invite-member-form';

export function MembersSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workspace = useWorkspace();
  const isAdmin = hasRole(workspace.role, 'admin');
  const isOwner = workspace.role === 'owner';
  const members = useQuery(trpc.member.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey() });
  const updateRole = useMutation(trpc.member.updateRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSettled: refresh }));
  const revokeSessions = useMutation(trpc.member.revokeSessions.mutationOptions());
  const refreshInvitations = () =>
    queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() });
  const grantable = ROLES.filter(
    (r) => hasRole(workspace.role, r) && (r !== 'owner' || workspace.role === 'owner'),
  );
  const actionError =
    updateRole.error?.message ?? remove.error?.message ?? revokeSessions.error?.message;
  // Only the latest action's error is shown: an earlier one would read as about this one.
  const clearErrors = () => {
    updateRole.reset();
    remove.reset();
    revokeSessions.reset();
  };

  return (
    <section aria-labelledby="members-title" className="space-y-6">
      <h2 id="members-title" className="text-lg font-semibold">
        Members
      </h2>
      {actionError ? (
        <p role="alert" className="text-sm text-red-700">
          {actionError}
        </p>
      ) : null}
      <table
        aria-labelledby="members-title"
        className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
      >
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">Email</th>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">Role</th>
            {isAdmin ? <th className="px-4 py-2 font-medium">Actions</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {members.data?.map((m) => (
            <tr key={m.id}>
              <td className="px-4 py-2">{m.email}</td>
              <td className="px-4 py-2">{m.name ?? '—'}</td>
              <td className="px-4 py-2">
                {isAdmin ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) => {
                      clearErrors();
                      updateRole.mutate({ membershipId: m.id, role: e.target.value as Role });
                    }}
                    className="rounded-md border border-slate-300 px-2 py-1"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r} disabled={!grantable.includes(r)}>
                        {r}
                      </option>
                    ))}
                  </select>
                ) : (
                  m.role
                )}
              </td>
              {isAdmin ? (
                <td className="px-4 py-2">
                  <div className="flex gap-3">
                    <button
                      type="button"
                      onClick={() => {
                        clearErrors();
                        remove.mutate({ membershipId: m.id });
                      }}
                      aria-label={`Remove ${m.email}`}
                      className="text-red-700 hover:underline"
                    >
                      Remove
                    </button>
                    {isOwner ? (
                      <button
                        type="button"
                        onClick={() => {
                          clearErrors();
                          revokeSessions.mutate({ membershipId: m.id });
                        }}
                        aria-label={`Sign out ${m.email} everywhere`}
                        className="text-slate-700 hover:underline"
                      >
                        Sign out everywhere
                      </button>
                    ) : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {revokeSessions.isSuccess ? (
        <p role="status" className="text-sm text-slate-700">
          Their sessions have ended; they must sign in again.
        </p>
      ) : null}
      {isAdmin ? (
        <>
          <InviteMemberForm roles={grantable} onInvited={refreshInvitations} />
          <InvitationsList />
        </>
      ) : null}
    </section>
  );
}

'use client';

import { useMutation } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';

/** A signed-in invitee joins with the account they have. */
export function JoinWorkspaceButton({
  token,
  workspaceName,
}: {
  token: string;
  workspaceName: string;
}) {
  const trpc = useTRPC();
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: (joined) =>
        window.location.assign(`/w/${encodeURIComponent(joined.workspace.slug)}/workflows`),
    }),
  );
  return (
    <div className="mt-6 space-y-3">
      <Button
        className="w-full"
        onClick={() => accept.mutate({ token })}
        disabled={accept.isPending}
      >
        Join {workspaceName}
      </Button>
      {accept.error ? (
        <p role="alert" className="text-sm text-red-700">
          {accept.error.message}
        </p>
      ) : null}
    </div>
  );
}

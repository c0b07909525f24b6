'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';

/**
 * "Create a test from this run": the run's input, its I/O steps' answers as mocks and its
 * outcome as the expectation become a test case of its workflow.
 */
export function CreateTestFromRun({
  runId,
  workflowId,
  workspaceSlug,
}: {
  runId: string;
  workflowId: string;
  workspaceSlug: string;
}) {
  const trpc = useTRPC();
  const create = useMutation(trpc.test.fromRun.mutationOptions());
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <Button
        variant="secondary"
        onClick={() => create.mutate({ runId })}
        disabled={create.isPending}
      >
        Create a test from this run
      </Button>
      {create.data ? (
        <p role="status" className="text-emerald-700">
          Test “{create.data.name}” created.{' '}
          <Link
            href={`/w/${workspaceSlug}/workflows/${workflowId}?tab=tests`}
            className="text-brand-700 hover:underline"
          >
            Open the workflow’s tests
          </Link>
        </p>
      ) : null}
      {create.error ? (
        <p role="alert" className="text-red-700">
          {create.error.message}
        </p>
      ) : null}
    </div>
  );
}

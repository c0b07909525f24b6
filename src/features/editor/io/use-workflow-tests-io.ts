'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import type { WorkflowTestsIo } from './import-export';

/** The workflow's cases for the designer's export, and the import of a test file with it. */
export function useWorkflowTestsIo(workflowId: string): WorkflowTestsIo {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.test.list.queryKey({ workflowId });
  const list = useQuery(trpc.test.list.queryOptions({ workflowId }));
  const importFile = useMutation(
    trpc.test.import.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );
  let outcome: WorkflowTestsIo['outcome'];
  if (importFile.data) {
    const { created, updated } = importFile.data;
    outcome = { ok: true, message: `Tests imported: ${created} added, ${updated} replaced` };
  } else if (importFile.error) {
    outcome = { ok: false, message: `Tests not imported: ${importFile.error.message}` };
  }
  return {
    cases: list.data?.map((row) => row.definition),
    loading: list.isPending,
    onImport: (file) => importFile.mutate({ workflowId, file }),
    ...(outcome ? { outcome } : {}),
  };
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import type { PolicyRule } from '@/engine';
import { useTRPC } from '@/trpc/react';

interface ReportRow {
  workflowId: string;
  name: string;
  violations: { rule: PolicyRule }[];
  exceptions: string[];
}

/**
 * An admin lets one workflow break a rule it breaks (with the reason, recorded and audited),
 * or takes an exception back.
 */
export function PolicyExceptions({ row }: { row: ReportRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const broken = [...new Set(row.violations.map((v) => v.rule))];
  const [rule, setRule] = useState<PolicyRule | ''>(broken[0] ?? '');
  const [reason, setReason] = useState('');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.policy.report.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.policy.get.queryKey() }),
    ]);
  const grant = useMutation(
    trpc.policy.grantException.mutationOptions({
      onSuccess: async () => {
        setReason('');
        await refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.policy.revokeException.mutationOptions({ onSuccess: refresh }));
  const selected = rule && broken.includes(rule) ? rule : broken[0];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (selected) grant.mutate({ workflowId: row.workflowId, rule: selected, reason });
  };
  const error = grant.error ?? revoke.error;
  return (
    <div className="space-y-2">
      {row.exceptions.map((granted) => (
        <Button
          key={granted}
          variant="secondary"
          disabled={revoke.isPending}
          aria-label={`Revoke the ${granted} exception of ${row.name}`}
          onClick={() => revoke.mutate({ workflowId: row.workflowId, rule: granted as PolicyRule })}
        >
          Revoke {granted}
        </Button>
      ))}
      {selected ? (
        <form
          onSubmit={submit}
          aria-label={`Grant an exception to ${row.name}`}
          className="flex flex-wrap items-end gap-2"
        >
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Rule</span>
            <select
              aria-label={`Rule to except for ${row.name}`}
              value={selected}
              onChange={(e) => setRule(e.target.value as PolicyRule)}
              className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            >
              {broken.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={`Reason for ${row.name}`}
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="submit" disabled={grant.isPending}>
            Grant exception
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { QuotaBars } from './quota-bars';

type Limit = { perSecond: number; burst: number } | null;

const text = (limit: Limit) => (limit ? `${limit.perSecond}/s, burst ${limit.burst}` : 'none');

/** Rate limits, retention and quotas with the workspace's usage; admins change the first two. */
export function LimitsSettings() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const limits = useQuery(trpc.limits.get.queryOptions());
  if (!limits.data) return null;
  const { usage } = limits.data;
  return (
    <section aria-labelledby="limits-title" className="space-y-4">
      <h2 id="limits-title" className="text-lg font-semibold">
        Limits and usage
      </h2>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <QuotaBars usage={usage} />
        <p className="text-sm text-slate-600">
          Each webhook: {text(limits.data.hookRateLimit)}. All webhooks together:{' '}
          {text(limits.data.allHooksRateLimit)}. Finished runs are kept {limits.data.retentionDays}{' '}
          days.
        </p>
      </div>
      {hasRole(workspace.role, 'admin') ? <LimitsForm current={limits.data} /> : null}
    </section>
  );
}

function LimitsForm({
  current,
}: {
  current: { hookRateLimit: Limit; allHooksRateLimit: Limit; retentionDays: number };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [hookRate, setHookRate] = useState(current.hookRateLimit?.perSecond.toString() ?? '');
  const [hookBurst, setHookBurst] = useState(current.hookRateLimit?.burst.toString() ?? '');
  const [allRate, setAllRate] = useState(current.allHooksRateLimit?.perSecond.toString() ?? '');
  const [allBurst, setAllBurst] = useState(current.allHooksRateLimit?.burst.toString() ?? '');
  const [days, setDays] = useState(current.retentionDays.toString());
  const save = useMutation(
    trpc.limits.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.limits.get.queryKey() }),
    }),
  );
  const limit = (rate: string, burst: string) =>
    rate.trim() === '' ? null : { perSecond: Number(rate), burst: Number(burst || rate) };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      hookRateLimit: limit(hookRate, hookBurst),
      allHooksRateLimit: limit(allRate, allBurst),
      retentionDays: Number(days),
    });
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Limits"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2"
    >
      <TextField
        label="Each webhook: requests per second (empty: no limit)"
        type="number"
        step="any"
        min={0}
        value={hookRate}
        onChange={(e) => setHookRate(e.target.value)}
      />
      <TextField
        label="Each webhook: burst"
        type="number"
        min={1}
        value={hookBurst}
        onChange={(e) => setHookBurst(e.target.value)}
      />
      <TextField
        label="All webhooks: requests per second (empty: no limit)"
        type="number"
        step="any"
        min={0}
        value={allRate}
        onChange={(e) => setAllRate(e.target.value)}
      />
      <TextField
        label="All webhooks: burst"
        type="number"
        min={1}
        value={allBurst}
        onChange={(e) => setAllBurst(e.target.value)}
      />
      <TextField
        label="Keep finished runs (days)"
        type="number"
        min={1}
        max={3650}
        value={days}
        onChange={(e) => setDays(e.target.value)}
      />
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Save limits
        </Button>
        {save.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700">
            Limits saved
          </p>
        ) : null}
        {save.error ? (
          <p role="alert" className="text-sm text-red-700">
            {save.error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}

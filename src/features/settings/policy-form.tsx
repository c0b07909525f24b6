'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CompliancePolicy } from '@/engine';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A list field: empty means the rule is off, so "allow nothing" is never typed by accident. */
const listOrNone = (text: string) => (lines(text).length ? lines(text) : undefined);

function ListField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  set: (v: string) => void;
}) {
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <textarea
        id={props.id}
        value={props.value}
        onChange={(e) => props.set(e.target.value)}
        aria-describedby={`${props.id}-hint`}
        rows={3}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
      />
      <p id={`${props.id}-hint`} className="mt-1 text-xs text-slate-500">
        {props.hint}
      </p>
    </div>
  );
}

/** Admins edit the workspace's compliance policy; every rule left empty is off. */
export function PolicyForm({ policy }: { policy: CompliancePolicy }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [httpHosts, setHttpHosts] = useState((policy.allowedHttpHosts ?? []).join('\n'));
  const [dbHosts, setDbHosts] = useState((policy.allowedDatabaseHosts ?? []).join('\n'));
  const [forbidden, setForbidden] = useState((policy.forbiddenStepTypes ?? []).join(', '));
  const [timeouts, setTimeouts] = useState(policy.httpTimeoutAndRetry ?? false);
  const [errors, setErrors] = useState(policy.errorHandling ?? false);
  const [coverage, setCoverage] = useState(policy.minTestCoverage?.toString() ?? '');
  const save = useMutation(
    trpc.policy.set.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.policy.get.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.policy.report.queryKey() }),
        ]),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      policy: {
        allowedHttpHosts: listOrNone(httpHosts),
        allowedDatabaseHosts: listOrNone(dbHosts),
        forbiddenStepTypes: listOrNone(forbidden),
        httpTimeoutAndRetry: timeouts || undefined,
        errorHandling: errors || undefined,
        minTestCoverage: coverage.trim() === '' ? undefined : Number(coverage),
      },
    });
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Compliance policy"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2"
    >
      <ListField
        id="policy-http-hosts"
        label="Allowed HTTP hosts"
        hint="One per line: api.example.com, *.example.com (subdomains) or *. Empty: any host."
        value={httpHosts}
        set={setHttpHosts}
      />
      <ListField
        id="policy-db-hosts"
        label="Allowed database hosts"
        hint="One per line, as above. Empty: any host."
        value={dbHosts}
        set={setDbHosts}
      />
      <TextField
        label="Step types not allowed"
        value={forbidden}
        onChange={(e) => setForbidden(e.target.value)}
        placeholder="code, http"
      />
      <TextField
        label="Minimum test coverage (%, empty: tests not required)"
        type="number"
        min={0}
        max={100}
        value={coverage}
        onChange={(e) => setCoverage(e.target.value)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={timeouts} onChange={(e) => setTimeouts(e.target.checked)} />
        Every HTTP step has a timeout and a retry policy
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={errors} onChange={(e) => setErrors(e.target.checked)} />
        Every workflow handles errors
      </label>
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Save policy
        </Button>
        {save.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700">
            Policy saved
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

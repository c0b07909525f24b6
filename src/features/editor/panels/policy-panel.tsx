'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { checkCompliance, policyRuleSchema, type WorkflowDefinition } from '@/engine';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { PolicyExceptions } from '../../settings/policy-exceptions';
import { useWorkspace } from '../../shell/workspace-context';

interface PolicyPanelProps {
  workflowId: string;
  definition: WorkflowDefinition;
}

/**
 * The workspace's compliance policy against the draft as it is edited, with the same check
 * that refuses publishing; admins grant (or revoke) this workflow's exceptions here. Hidden
 * while the workspace has no policy.
 */
export function PolicyPanel({ workflowId, definition }: PolicyPanelProps) {
  const trpc = useTRPC();
  const policy = useQuery(trpc.policy.get.queryOptions());
  const { role } = useWorkspace();
  const exempt = useMemo(
    () =>
      (policy.data?.exceptions ?? [])
        .filter((e) => e.workflowId === workflowId)
        .flatMap((e) => {
          const rule = policyRuleSchema.safeParse(e.rule);
          return rule.success ? [rule.data] : [];
        }),
    [policy.data, workflowId],
  );
  const violations = useMemo(
    () => (policy.data ? checkCompliance(definition, policy.data.policy, exempt) : undefined),
    [policy.data, definition, exempt],
  );
  if (!policy.data || Object.keys(policy.data.policy).length === 0 || !violations) return null;
  return (
    <section aria-labelledby="policy-title" className="space-y-2">
      <h2 id="policy-title" className="text-sm font-semibold text-slate-800">
        Compliance policy ({violations.length})
      </h2>
      {violations.length === 0 ? (
        <p className="text-xs text-emerald-700">The draft follows the workspace&apos;s policy.</p>
      ) : (
        <ul aria-label="Policy violations" className="space-y-1">
          {violations.map((v) => (
            <li
              key={`${v.path}:${v.rule}`}
              className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900"
            >
              {v.message}
              <span className="block text-[11px] text-amber-800">policy rule {v.rule}</span>
            </li>
          ))}
        </ul>
      )}
      {hasRole(role, 'admin') ? (
        <PolicyExceptions
          row={{ workflowId, name: definition.name, violations, exceptions: exempt }}
        />
      ) : null}
    </section>
  );
}

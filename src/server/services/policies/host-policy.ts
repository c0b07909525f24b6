import { hostAllowed, hostPatternSchema } from '@/engine';
import { StepError } from '@/engine/steps/step-type';
import { z } from 'zod';
import type { DbTx } from '../../db';
import type { HostCheck } from '../../http/guarded-http';

type HostRule = 'allowedHttpHosts' | 'allowedDatabaseHosts';

const patterns = z.array(hostPatternSchema);

/**
 * The hosts a workflow's steps may reach under `rule`, read at the time of the call, so a
 * policy tightened after publishing binds runs of that version too. Undefined: any host (no
 * such rule, or the workflow has an exception).
 */
async function allowedHosts(
  db: DbTx,
  workflowId: string,
  rule: HostRule,
): Promise<string[] | undefined> {
  const [row] = await db.$queryRaw<{ hosts: unknown; exempt: boolean }[]>`
    SELECT w.policy -> ${rule}::text AS hosts,
           EXISTS (SELECT 1 FROM "PolicyException" e
                   WHERE e."workflowId" = f.id AND e.rule = ${rule}) AS exempt
    FROM "Workflow" f JOIN "Workspace" w ON w.id = f."workspaceId"
    WHERE f.id = ${workflowId}`;
  if (!row || row.exempt || row.hosts === null) return undefined;
  const parsed = patterns.safeParse(row.hosts);
  // Written validated; anything else refuses every host rather than allowing all.
  return parsed.success ? parsed.data : [];
}

function refusal(host: string, hosts: string[], what: string): string {
  return `${host} is not an allowed ${what} host of this workspace (allowed: ${hosts.join(', ') || 'none'})`;
}

/** The workspace's allowed HTTP hosts as a check of each host an HTTP step's request goes to. */
export function httpHostCheck(db: DbTx, workflowId: string): HostCheck {
  let hosts: Promise<string[] | undefined> | undefined;
  return async (host) => {
    hosts ??= allowedHosts(db, workflowId, 'allowedHttpHosts');
    const allowed = await hosts;
    return allowed && !hostAllowed(host, allowed) ? refusal(host, allowed, 'HTTP') : undefined;
  };
}

/**
 * For steps that connect to databases: throws the step's (non-retryable) error when `host`
 * is outside the workspace's allowed database hosts. Call it with the host the step is
 * about to connect to, before connecting.
 */
export async function assertDatabaseHostAllowed(
  db: DbTx,
  workflowId: string,
  host: string,
): Promise<void> {
  const allowed = await allowedHosts(db, workflowId, 'allowedDatabaseHosts');
  if (allowed && !hostAllowed(host, allowed)) {
    throw new StepError(`Refused to connect to ${host}: ${refusal(host, allowed, 'database')}`, {
      retryable: false,
    });
  }
}

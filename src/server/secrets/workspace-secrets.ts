import type { Secrets } from '@/engine';
import { CREDENTIAL_DATA, secretValueOf } from '@/shared/credential-types';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db';
import { logger } from '../logger';
import { createEnvSecrets } from './env-secrets';
import { resolveCredential, type ResolvedCredential } from './resolve-credential';

export interface RunScope {
  runId: string;
  workflowId: string;
  nodeId: string;
}

/** A workflow never changes workspace: its workspace is looked up once per process. */
const workspaces = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

export async function workspaceOfWorkflow(db: Db, workflowId: string): Promise<string> {
  const known = workspaces.get(workflowId);
  if (known) return known;
  const row = await db.workflow.findUniqueOrThrow({
    where: { id: workflowId },
    select: { workspaceId: true },
  });
  if (workspaces.size >= MAX_REMEMBERED) workspaces.clear();
  workspaces.set(workflowId, row.workspaceId);
  return row.workspaceId;
}

const audited = new Set<string>();

/** Who used which credential in which run: once per run and credential in this process. */
async function auditUse(
  db: Db,
  workspaceId: string,
  scope: RunScope,
  credential: ResolvedCredential,
) {
  const key = `${scope.runId}:${credential.id}`;
  if (audited.has(key)) return;
  if (audited.size >= MAX_REMEMBERED) audited.clear();
  audited.add(key);
  try {
    await db.$transaction(async (tx) => {
      await tx.credential.update({
        where: { id: credential.id },
        data: { lastUsedAt: new Date() },
      });
      await recordAudit(tx, {
        workspaceId,
        actorId: null,
        action: 'credential.used',
        targetType: 'credential',
        targetId: credential.id,
        data: {
          name: credential.name,
          runId: scope.runId,
          workflowId: scope.workflowId,
          nodeId: scope.nodeId,
        },
      });
    });
  } catch (error) {
    audited.delete(key);
    throw error;
  }
}

export interface WorkspaceSecrets extends Secrets {
  credential(name: string): Promise<ResolvedCredential | undefined>;
}

/**
 * The Secrets port of a run: `$secret('<name>')` and `credential` params read the run's own
 * workspace's credentials, and only those; MINIFLOW_SECRET_* variables only when the
 * workspace's owner turned that fallback on.
 */
export function workspaceSecrets(db: Db, scope: RunScope): WorkspaceSecrets {
  const env = createEnvSecrets();
  const credential = async (name: string) => {
    const workspaceId = await workspaceOfWorkflow(db, scope.workflowId);
    const found = await resolveCredential(db, { workspaceId, workflowId: scope.workflowId, name });
    if (found) {
      await auditUse(db, workspaceId, scope, found).catch((error: unknown) => {
        logger.error({ err: error, runId: scope.runId }, 'Could not audit a credential use');
        throw error;
      });
    }
    return found;
  };
  return {
    credential,
    async httpHeaders(name) {
      const found = await credential(name);
      if (!found) throw new Error(`No credential named "${name}"`);
      switch (found.type) {
        case 'httpHeader': {
          const data = CREDENTIAL_DATA.httpHeader.parse(found.data);
          return { [data.name]: data.value };
        }
        case 'httpBearer':
          return { authorization: `Bearer ${CREDENTIAL_DATA.httpBearer.parse(found.data).token}` };
        case 'basicAuth': {
          const data = CREDENTIAL_DATA.basicAuth.parse(found.data);
          const pair = Buffer.from(`${data.username}:${data.password}`).toString('base64');
          return { authorization: `Basic ${pair}` };
        }
        default:
          throw new Error(`Credential "${name}" is not an HTTP credential`);
      }
    },
    async get(name) {
      const found = await credential(name);
      if (found) return secretValueOf(found.type, found.data);
      const workspaceId = await workspaceOfWorkflow(db, scope.workflowId);
      const workspace = await db.workspace.findUnique({
        where: { id: workspaceId },
        select: { envSecretFallback: true },
      });
      return workspace?.envSecretFallback ? env.get(name) : undefined;
    },
  };
}

import type { CompiledMasking, Logger, StateStore, StepPorts } from '@/engine';
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '../db';
import { evaluatorFromEnv } from '../expr/evaluator-from-env';
import { flagCache } from '../flags/flag-listener';
import type { ProcessEvaluator } from '../expr/process-evaluator';
import { processEnv } from '../env';
import { GuardedHttp } from '../http/guarded-http';
import { logger as rootLogger } from '../logger';
import { DatabasePools } from '../database/database-pools';
import { workspaceMasking } from '../masking/workspace-masking';
import { assertDatabaseHostAllowed, httpHostCheck } from '../services/policies/host-policy';
import { IsolatedVmSandbox } from '../sandbox/isolated-vm-sandbox';
import { workspaceOfWorkflow, workspaceSecrets } from '../secrets/workspace-secrets';
import { systemClock, systemRandom, systemTimer } from './node-ports';
import { stepCacheStore } from './step-cache-store';

/**
 * The engine's ports in the server and its workers: one sandbox pool and one HTTP agent
 * per process; state and logs are per run.
 */
export interface ServerPorts {
  forRun(run: { id: string; workflowId: string }, nodeId: string): StepPorts;
  /** The masking rules of the workflow's workspace, applied to all a step stores or logs. */
  masking(workflowId: string): Promise<CompiledMasking>;
  /** Stops the sandbox (waiting until no isolate executes) and closes keep-alive sockets. */
  dispose(): Promise<void>;
}

export function workflowStateStore(db: Db, workflowId: string): StateStore {
  return {
    async get(key) {
      const row = await db.workflowState.findUnique({
        where: { workflowId_key: { workflowId, key } },
      });
      // A stored JSON null is a value like any other (`?? undefined` used to turn it into
      // "no value"); only a missing row is undefined, as in the in-memory store.
      return row ? row.value : undefined;
    },
    async set(key, value) {
      if (value === undefined) {
        await db.workflowState.deleteMany({ where: { workflowId, key } });
        return;
      }
      // One statement: concurrent runs never interleave a read and a write of the same key.
      const json = value === null ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
      await db.workflowState.upsert({
        where: { workflowId_key: { workflowId, key } },
        create: { workflowId, key, value: json },
        update: { value: json },
      });
    },
    async increment(key, by) {
      // Read-modify-write in one statement, so concurrent increments never lose one.
      const rows = await db.$queryRaw<{ value: number }[]>`
        INSERT INTO "WorkflowState" ("workflowId", key, value, "updatedAt")
        VALUES (${workflowId}, ${key}, to_jsonb(${by}::float8), now() AT TIME ZONE 'UTC')
        ON CONFLICT ("workflowId", key) DO UPDATE SET
          value = to_jsonb(CASE WHEN jsonb_typeof("WorkflowState".value) = 'number'
                           THEN ("WorkflowState".value)::text::float8 ELSE 0 END + ${by}::float8),
          "updatedAt" = now() AT TIME ZONE 'UTC'
        RETURNING (value)::text::float8 AS value`;
      return rows[0]!.value;
    },
  };
}

function runLogger(runId: string, nodeId: string): Logger {
  const log = rootLogger.child({ runId, nodeId });
  return { log: (level, message, fields) => log[level](fields ?? {}, message) };
}

export function createServerPorts(db: Db): ServerPorts {
  let sandbox: IsolatedVmSandbox | undefined;
  let http: GuardedHttp | undefined;
  let expressions: ProcessEvaluator | undefined;
  let databases: DatabasePools | undefined;
  return {
    async masking(workflowId) {
      return workspaceMasking(db, await workspaceOfWorkflow(db, workflowId));
    },
    forRun(run, nodeId) {
      const secrets = workspaceSecrets(db, { runId: run.id, workflowId: run.workflowId, nodeId });
      // Created on first use: a web process that only runs inline steps needs neither.
      return {
        clock: systemClock,
        random: systemRandom,
        timer: systemTimer,
        get sandbox() {
          // Keep as many warm isolates as steps run at once: creating one costs milliseconds.
          sandbox ??= new IsolatedVmSandbox({ maxIdlePerLimit: 16 });
          return sandbox;
        },
        get http() {
          http ??= new GuardedHttp({
            allowPrivateNetwork: processEnv().MINIFLOW_ALLOW_PRIVATE_NETWORK,
          });
          // The workspace's allowed hosts as they are now, not as they were at publishing.
          return http.withHostCheck(httpHostCheck(db, run.workflowId));
        },
        get expressions() {
          // Off the thread that serves HTTP: inline steps run inside web requests.
          expressions ??= evaluatorFromEnv();
          return expressions;
        },
        get database() {
          databases ??= new DatabasePools({
            allowPrivateNetwork: processEnv().MINIFLOW_ALLOW_PRIVATE_NETWORK,
          });
          // Like HTTP steps: the allowed database hosts as they are now.
          return databases.forRun(
            (name) => secrets.credential(name),
            (host) => assertDatabaseHostAllowed(db, run.workflowId, host),
          );
        },
        secrets,
        // The process's flag cache is reached only when an expression calls $flag().
        flags: {
          evaluate: (key, context) =>
            flagCache().flagsForWorkflow(run.workflowId).evaluate(key, context),
        },
        get stepCache() {
          return stepCacheStore(
            db,
            run.workflowId,
            nodeId,
            () => processEnv().MINIFLOW_STEP_CACHE_MAX_BYTES,
          );
        },
        maxOutputBytes: processEnv().MINIFLOW_STEP_OUTPUT_MAX_BYTES,
        logger: runLogger(run.id, nodeId),
        state: workflowStateStore(db, run.workflowId),
      };
    },
    async dispose() {
      http?.close();
      expressions?.dispose();
      await databases?.close();
      await sandbox?.close();
    },
  };
}

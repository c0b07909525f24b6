import { db } from '../db';
import { env, runtimeLimitsEnv } from '../env';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';

const holder = globalThis as { __miniflowRuntime?: RuntimeContext };

/** The runtime of a web process: runs are started (and inline steps run) here. */
export function webRuntime(): RuntimeContext {
  holder.__miniflowRuntime ??= createRuntimeContext(
    db,
    env().DATABASE_URL,
    env().MINIFLOW_DB_POOL_SIZE,
    runtimeLimitsEnv(),
  );
  return holder.__miniflowRuntime;
}

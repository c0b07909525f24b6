import { defaultRegistry } from '@/engine';
import { db } from '../db';
import type { RuntimeContext } from './runtime-context';
import { createServerPorts } from './server-ports';

const holder = globalThis as { __miniflowRuntime?: RuntimeContext };

/** The runtime of a web process: runs are started (and inline steps run) here. */
export function webRuntime(): RuntimeContext {
  holder.__miniflowRuntime ??= {
    db,
    ports: createServerPorts(db),
    registry: defaultRegistry,
    now: () => Date.now(),
    random: () => Math.random(),
  };
  return holder.__miniflowRuntime;
}

import type { StepRegistry } from '@/engine';
import type { Db } from '../db';
import type { ServerPorts } from './server-ports';

/** What the runtime needs from its process: the database, the step ports, the registry. */
export interface RuntimeContext {
  db: Db;
  ports: ServerPorts;
  registry: StepRegistry;
  now: () => number;
  random: () => number;
}

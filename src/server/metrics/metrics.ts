import { collectDefaultMetrics } from 'prom-client';
import { createMetrics, type Metrics } from './create-metrics';

// One registry per process: the web app's bundled routes must serve what the code
// `npm start` and the worker load directly has counted.
const KEY = Symbol.for('miniflow.metrics');
const holder = globalThis as { [KEY]?: Metrics };

/** This process's metrics, with Node's process metrics (CPU, memory, event loop, GC). */
export function metrics(): Metrics {
  let current = holder[KEY];
  if (!current) {
    current = createMetrics();
    collectDefaultMetrics({ register: current.registry });
    holder[KEY] = current;
  }
  return current;
}

/**
 * The step result cache: an HTTP GET against a local stub that takes STUB_MS to answer, run
 * through `runStep` with the server's ports, uncached and then served from the cache. p50
 * milliseconds of each over SAMPLES attempts (`cache_hit_step_ms`, `cache_miss_step_ms`).
 *
 *   node --import tsx bench/step-cache.bench.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchDatabase, percentile, round } from './lib/bench-db';
import { publishDefinition } from './lib/publish';

const SAMPLES = 200;
const STUB_MS = 20;

export async function run() {
  process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';
  const bench = await benchDatabase();
  const stub = createServer((_req, res) => {
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ price: 42 }));
    }, STUB_MS);
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/price`;
  const { runStep, defaultRegistry } = await import('../src/engine');
  const { createServerPorts } = await import('../src/server/runtime/server-ports');
  const { db } = await import('../src/server/db');
  const ports = createServerPorts(db);
  try {
    const fetchNode = { id: 'fetch', type: 'http', params: { url } };
    const workflowId = await publishDefinition(bench, {
      name: 'Cached price',
      nodes: [{ id: 'start', type: 'manual', params: {} }, fetchNode],
      edges: [{ from: 'start', to: 'fetch' }],
    });
    const attempt = async (cache: boolean) => {
      const node = cache ? { ...fetchNode, cache: { ttlSeconds: 3600, key: 'price' } } : fetchNode;
      const start = performance.now();
      const event = await runStep({
        registry: defaultRegistry,
        node,
        attempt: 1,
        run: { id: 'bench', workflowId, attempt: 1 },
        input: {},
        steps: {},
        predecessors: {},
        vars: {},
        ports: ports.forRun({ id: 'bench', workflowId }, 'fetch'),
      });
      if (event.type !== 'stepSucceeded') throw new Error(JSON.stringify(event));
      return performance.now() - start;
    };
    await attempt(true);
    const miss: number[] = [];
    const hit: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      miss.push(await attempt(false));
      hit.push(await attempt(true));
    }
    return {
      cache_hit_step_ms: round(percentile(hit, 50), 2),
      cache_miss_step_ms: round(percentile(miss, 50), 2),
    };
  } finally {
    await ports.dispose();
    stub.close();
    await bench.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}

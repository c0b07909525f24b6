import autocannon from 'autocannon';
import { benchDatabase } from '../bench/lib/bench-db';
import { publishDefinition } from '../bench/lib/publish';
import { startBenchServer } from '../bench/lib/webhook-server';
import { treeCpuMs } from '../bench/lib/cpu-account';
const bench = await benchDatabase();
await publishDefinition(bench, { name: 'empty', nodes: [{ id: 'hook', type: 'webhook', params: { path: 'empty', method: 'POST', rateLimit: { perSecond: 0.001, burst: 1 } } }, { id: 's', type: 'set', params: { values: { ok: true } } }], edges: [{ from: 'hook', to: 's' }] });
const server = await startBenchServer(bench);
const base = new URL(server.url).origin;
const url = `${base}/api/hooks/bench/empty`;
for (const conns of [20, 20, 4]) {
  const cpu0 = treeCpuMs([server.process.pid!]); const me0 = process.cpuUsage();
  const r = await autocannon({ url, method: 'POST', connections: conns, duration: 4, overallRate: 2000, body: '{}', headers: { 'content-type': 'application/json' } });
  const me = process.cpuUsage(me0);
  const n = r.requests.total;
  console.log(JSON.stringify({ conns, n, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, codes: Object.keys(r.statusCodeStats ?? {}), serverCpuMsPerReq: ((treeCpuMs([server.process.pid!]) - cpu0) / n).toFixed(3), clientCpuMsPerReq: ((me.user + me.system) / 1000 / n).toFixed(3) }));
}
const h0 = await autocannon({ url: `${base}/api/health`, connections: 2, duration: 3, overallRate: 50 });
console.log('health alone', h0.latency.p50, h0.latency.p99);
await server.stop(); await bench.stop(); process.exit(0);

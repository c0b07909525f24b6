import autocannon from 'autocannon';
import { benchDatabase } from '../bench/lib/bench-db';
import { startBenchServer } from '../bench/lib/webhook-server';
import { treeCpuMs } from '../bench/lib/cpu-account';
process.env.MINIFLOW_TRUSTED_PROXIES = '1';
const bench = await benchDatabase();
const server = await startBenchServer(bench);
const base = new URL(server.url).origin;
const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { 'x-forwarded-for': '10.9.9.9' } });
const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
for (let round = 0; round < 2; round++) {
  const cpu0 = treeCpuMs([server.process.pid!]);
  const r = await autocannon({ url: `${base}/api/auth/callback/credentials`, method: 'POST', connections: 20, amount: 5000,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.9.9.9', cookie },
    body: new URLSearchParams({ csrfToken, email: 'bench@example.com', password: 'wrong', callbackUrl: base }).toString() });
  console.log(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, codes: r.statusCodeStats, cpuPerReq: (treeCpuMs([server.process.pid!]) - cpu0) / 5000 }));
}
const h = await autocannon({ url: `${base}/api/health`, connections: 2, duration: 3, overallRate: 50 });
console.log('health', h.latency.p50, h.latency.p99, h.latency.max);
await server.stop(); await bench.stop(); process.exit(0);

/**
 * Webhook throughput: webhook (onCompletion) → set → respond, 20 concurrent HTTP clients
 * for about 15 s against `npm start`'s server (external PostgreSQL mode, same machine).
 * Exactly as many requests are sent as 15 s at the measured speed allow, and all of them
 * are answered before the runs are counted, so `webhook_runs_recorded_ratio` (successful
 * answers vs stored runs) is exact. The same load then runs again with 100,000 more runs
 * stored (`webhook_rps_aged_ratio`), and each throughput is divided by PostgreSQL's own
 * transaction rate measured in the same run (`webhook_vs_pg`).
 */
import { pathToFileURL } from 'node:url';
import { ageDatabase } from './lib/age-database';
import { postmasterPid, treeCpuMs } from './lib/cpu-account';
import { benchDatabase, round } from './lib/bench-db';
import { measurePgTps } from './lib/pg-tps';
import { fullSpeedLoad, publishPingHook, startBenchServer } from './lib/webhook-server';

const SECONDS = 15;
const AGED_RUNS = Number(process.env.BENCH_AGED_RUNS ?? 100_000);

export async function run() {
  const bench = await benchDatabase();
  const workflowId = await publishPingHook(bench);
  const server = await startBenchServer(bench);
  try {
    const idle = await server.memory();
    const pgTps = await measurePgTps(bench.url);
    const succeeded = () => bench.db.run.count({ where: { workflowId, status: 'succeeded' } });
    const before = await succeeded();
    const postgres = postmasterPid(bench.url);
    const cpuBefore = { server: treeCpuMs([server.process.pid!]), pg: treeCpuMs([postgres]) };
    const clientBefore = process.cpuUsage();
    const load = await fullSpeedLoad(server.url, SECONDS);
    const client = process.cpuUsage(clientBefore);
    // The probe's requests were answered too: count them as the difference of stored runs
    // before the probe and after the measured load, against every answer given.
    const recorded = (await succeeded()) - before;
    const answered = load.ok + load.probeOk;
    // CPU per answered run: the server (with its expression processes), PostgreSQL, and
    // the load generator in this process. Unlike runs/s, these hold when the machine is shared.
    const perRun = (ms: number) => round(ms / answered, 3);
    const cpu = {
      webhook_cpu_server_ms: perRun(treeCpuMs([server.process.pid!]) - cpuBefore.server),
      webhook_cpu_pg_ms: perRun(treeCpuMs([postgres]) - cpuBefore.pg),
      webhook_cpu_client_ms: perRun((client.user + client.system) / 1000),
    };
    const loaded = await server.memory();

    await ageDatabase(bench, workflowId, AGED_RUNS);
    const aged = await fullSpeedLoad(server.url, SECONDS);
    const agedMemory = await server.memory();
    return {
      webhook_rps: load.rps,
      webhook_p50_ms: load.p50,
      webhook_p99_ms: load.p99,
      webhook_runs_recorded_ratio: round(recorded / answered, 4),
      ...cpu,
      webhook_vs_pg: round(load.rps / pgTps, 3),
      webhook_rps_aged: aged.rps,
      webhook_p99_aged_ms: aged.p99,
      webhook_rps_aged_ratio: round(aged.rps / load.rps, 3),
      // Where the server's memory goes: resident, V8's heap (sized / used), buffers.
      webhook_rss_idle_mb: idle.rssMb,
      webhook_rss_mb: loaded.rssMb,
      webhook_heap_total_mb: loaded.heapTotalMb,
      webhook_heap_used_mb: loaded.heapUsedMb,
      webhook_external_mb: loaded.externalMb,
      webhook_rss_aged_mb: agedMemory.rssMb,
      webhook_heap_total_aged_mb: agedMemory.heapTotalMb,
      webhook_pg_tps: pgTps,
    };
  } finally {
    await server.stop();
    await bench.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}

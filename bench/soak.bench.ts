/**
 * Soak: the webhook benchmark's workflow under a steady load of half its measured maximum
 * for 10 minutes (BENCH_SOAK_MINUTES) on one server. `soak_p99_drift` is the last
 * minute's p99 latency over the first minute's (1 = no drift); `soak_rss_growth` is how
 * much the server's resident memory grew from the end of the first minute to the end.
 */
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { benchDatabase, percentile, round } from './lib/bench-db';
import { fullSpeedLoad, publishPingHook, startBenchServer } from './lib/webhook-server';

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);

/** One minute of paced load; latencies as the client saw them, in ms. */
function pacedMinute(url: string, rate: number): Promise<number[]> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: 20,
        duration: 60,
        overallRate: rate,
        body: JSON.stringify({ id: 'soak' }),
        headers: { 'content-type': 'application/json' },
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        if (result.non2xx > 0) return reject(new Error(`soak: ${result.non2xx} non-2xx answers`));
        resolve(latencies);
      },
    );
    instance.on('response', (_client, status: number, _bytes, ms: number) => {
      if (status < 300) latencies.push(ms);
    });
  });
}

export async function run() {
  const bench = await benchDatabase();
  await publishPingHook(bench);
  const server = await startBenchServer(bench);
  try {
    const max = await fullSpeedLoad(server.url, 10);
    const rate = Math.max(1, Math.round(max.rps / 2));
    const minutes: { p99: number; rss: number }[] = [];
    for (let i = 0; i < MINUTES; i++) {
      const latencies = await pacedMinute(server.url, rate);
      minutes.push({ p99: percentile(latencies, 99), rss: server.rssMb() });
    }
    const first = minutes[0]!;
    const last = minutes[minutes.length - 1]!;
    return {
      soak_rps: rate,
      soak_p99_first_ms: round(first.p99, 2),
      soak_p99_last_ms: round(last.p99, 2),
      soak_p99_drift: round(last.p99 / first.p99, 3),
      soak_rss_first_mb: first.rss,
      soak_rss_last_mb: last.rss,
      soak_rss_growth: round((last.rss - first.rss) / first.rss, 3),
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

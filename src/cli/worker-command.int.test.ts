import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it, vi } from 'vitest';
import { workerCommand } from './worker-command';
import { UsageError } from './usage-error';

const TOKEN = vi.hoisted(() => {
  const token = 'worker-metrics-token-0123';
  process.env.MINIFLOW_METRICS_TOKEN = token;
  return token;
});

describe('miniflow worker --metrics-port', () => {
  it('serves the worker metrics and the cluster gauges behind the token', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const listening = new Promise<number>((resolve) => {
      const io = {
        out: () => undefined,
        err: (text: string) => {
          lines.push(text);
          const port = /metrics on port (\d+)/.exec(text)?.[1];
          if (port) resolve(Number(port));
        },
      };
      void workerCommand({ concurrency: '2', metricsPort: '0' }, io, stop.signal).then((code) =>
        lines.push(`exit ${code}`),
      );
    });
    const port = await listening;
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const families = new Map(parsePrometheusTextFormat(await res.text()).map((f) => [f.name, f]));
    expect(families.get('miniflow_workers')?.metrics[0]?.value).toBe('1');
    expect(families.get('miniflow_worker_slots')?.metrics[0]?.value).toBe('2');
    expect(families.get('miniflow_cluster_read_ok')?.metrics[0]?.value).toBe('1');
    expect(families.has('process_cpu_seconds_total')).toBe(true);

    stop.abort();
    await vi.waitFor(() => expect(lines).toContain('exit 0'), { timeout: 20_000 });
    await expect(fetch(url)).rejects.toThrow();
  });

  it('refuses a port that is not one before starting', async () => {
    const io = { out: () => undefined, err: () => undefined };
    await expect(workerCommand({ metricsPort: 'http' }, io)).rejects.toThrow(UsageError);
    await expect(workerCommand({ metricsPort: '70000' }, io)).rejects.toThrow(
      '--metrics-port: a port number from 0 to 65535',
    );
  });
});

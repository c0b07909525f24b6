import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMetrics, type MetricsServer } from './serve-metrics';

const TOKEN = 'scrape-token-0123456789';
let server: MetricsServer;
let base: string;

beforeAll(async () => {
  server = await serveMetrics({ port: 0, host: '127.0.0.1', token: TOKEN });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

describe('the metrics port of a worker', () => {
  it('refuses a scrape without the bearer token or with a wrong one', async () => {
    const missing = await fetch(`${base}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    const basic = await fetch(`${base}/metrics`, { headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
  });

  it('serves the registry in Prometheus text format with process metrics', async () => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const names = parsePrometheusTextFormat(await res.text()).map((family) => family.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'miniflow_step_duration_seconds',
      ]),
    );
  });

  it('answers 404 anywhere else', async () => {
    const res = await fetch(`${base}/other`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
  });
});

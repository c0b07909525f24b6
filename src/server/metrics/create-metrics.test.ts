import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics';

describe('createMetrics', () => {
  it('defines each metric family with bounded labels', async () => {
    const { registry } = createMetrics();
    const families = Object.fromEntries(
      (await registry.getMetricsAsJSON()).map((m) => [m.name, m.type]),
    );
    expect(families).toEqual({
      miniflow_runs_started_total: 'counter',
      miniflow_runs_finished_total: 'counter',
      miniflow_step_duration_seconds: 'histogram',
      miniflow_webhook_request_duration_seconds: 'histogram',
      miniflow_http_requests_total: 'counter',
      miniflow_http_request_duration_seconds: 'histogram',
      miniflow_cluster_read_ok: 'gauge',
      miniflow_queue_jobs: 'gauge',
      miniflow_queue_oldest_ready_job_age_seconds: 'gauge',
      miniflow_workers: 'gauge',
      miniflow_worker_slots: 'gauge',
      miniflow_worker_running_jobs: 'gauge',
      miniflow_rate_limited_total: 'counter',
      miniflow_quota_refused_total: 'counter',
    });
  });

  it('reads the cluster gauges from the source once per interval, not once per gauge', async () => {
    const metrics = createMetrics();
    const statements: string[] = [];
    metrics.setClusterSource({
      query(text) {
        statements.push(text);
        const rows = text.includes('WorkerHeartbeat')
          ? [{ workers: 2, slots: 16, running: 3 }]
          : [
              { task: 'mf_step', priority: 5, state: 'ready', jobs: 4, oldest: 12.5 },
              { task: 'mf_timer', priority: 0, state: 'scheduled', jobs: 2, oldest: 0 },
            ];
        return Promise.resolve({ rows });
      },
    });
    const text = await metrics.registry.metrics();
    await metrics.registry.metrics();
    expect(statements).toHaveLength(2);
    expect(text).toContain('miniflow_queue_jobs{task="mf_step",priority="5",state="ready"} 4');
    expect(text).toContain('miniflow_queue_oldest_ready_job_age_seconds 12.5');
    expect(text).toContain('miniflow_cluster_read_ok 1');
    expect(text).toContain('miniflow_workers 2');
    expect(text).toContain('miniflow_worker_slots 16');
    expect(text).toContain('miniflow_worker_running_jobs 3');
    metrics.refreshCluster();
    await metrics.registry.metrics();
    expect(statements).toHaveLength(4);
  });

  it('still answers when the database does not, and says the cluster gauges are stale', async () => {
    const metrics = createMetrics();
    metrics.setClusterSource({ query: () => Promise.reject(new Error('connection refused')) });
    metrics.httpRequests.inc({ route: '/', method: 'GET', status: '200' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('miniflow_http_requests_total{route="/",method="GET",status="200"} 1');
    expect(text).toContain('miniflow_cluster_read_ok 0');
  });
});

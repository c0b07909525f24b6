import { Counter, Histogram, Registry } from 'prom-client';
import { registerClusterGauges, type ClusterSource } from './cluster-gauges';
import { registerQuotaGauges } from './quota-gauges';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const STEP_SECONDS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];

/**
 * Every MiniFlow metric. Labels are bounded: step type ids from the registry, run statuses,
 * trigger types, route patterns (never raw ids: see route-patterns.ts) and HTTP status
 * codes. Workflow ids and workspace slugs name the workspaces' content, so the series
 * labelled by them (runs per workflow, quota usage per workspace) live in a registry of
 * their own (`workflowRegistry`), shown only to a scrape that brought the metrics token.
 */
export function createMetrics() {
  const registry = new Registry();
  const workflowRegistry = new Registry();
  const registers = [registry];
  const cluster: { source?: ClusterSource } = {};
  registerQuotaGauges(workflowRegistry, () => cluster.source);
  return {
    registry,
    workflowRegistry,
    runsStarted: new Counter({
      name: 'miniflow_runs_started_total',
      help: 'Runs created, by trigger type (runs queued behind a concurrency limit included).',
      labelNames: ['trigger'] as const,
      registers,
    }),
    runsFinished: new Counter({
      name: 'miniflow_runs_finished_total',
      help: 'Runs that reached a final status, by status.',
      labelNames: ['status'] as const,
      registers,
    }),
    workflowRunsStarted: new Counter({
      name: 'miniflow_workflow_runs_started_total',
      help: 'Runs created, by workflow id and trigger type (shown with the metrics token only).',
      labelNames: ['workflow_id', 'trigger'] as const,
      registers: [workflowRegistry],
    }),
    workflowRunsFinished: new Counter({
      name: 'miniflow_workflow_runs_finished_total',
      help: 'Runs that reached a final status, by workflow id and status (shown with the metrics token only).',
      labelNames: ['workflow_id', 'status'] as const,
      registers: [workflowRegistry],
    }),
    stepDuration: new Histogram({
      name: 'miniflow_step_duration_seconds',
      help: 'Time steps spent executing, by step type and outcome (succeeded, failed, suspended).',
      labelNames: ['type', 'outcome'] as const,
      buckets: STEP_SECONDS,
      registers,
    }),
    webhookDuration: new Histogram({
      name: 'miniflow_webhook_request_duration_seconds',
      help: 'Webhook requests from arrival to the last byte of the answer, by HTTP status.',
      labelNames: ['status'] as const,
      buckets: SECONDS,
      registers,
    }),
    rateLimited: new Counter({
      name: 'miniflow_rate_limited_total',
      help: 'Requests refused (429) by a rate limit, by what was limited.',
      labelNames: ['scope'] as const,
      registers,
    }),
    quotaRefused: new Counter({
      name: 'miniflow_quota_refused_total',
      help: 'Runs (and new workflows or fast schedules) refused because their workspace reached a quota, by quota.',
      labelNames: ['quota'] as const,
      registers,
    }),
    httpRequests: new Counter({
      name: 'miniflow_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'miniflow_http_request_duration_seconds',
      help: 'HTTP request durations, by route pattern and method.',
      labelNames: ['route', 'method'] as const,
      buckets: SECONDS,
      registers,
    }),
    /** Where the queue and worker gauges read from; they are empty until one is set. */
    setClusterSource(source: ClusterSource) {
      cluster.source ??= source;
    },
    ...registerClusterGauges(registry, () => cluster.source),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

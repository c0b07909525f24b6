/** The values the runs page filters on; the URL, the server's schema and the form share them. */
export const RUN_STATUSES = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
] as const;

export const TRIGGER_TYPES = ['manual', 'api', 'webhook', 'cron', 'subworkflow', 'test'] as const;

export type RunStatusFilter = (typeof RUN_STATUSES)[number];
export type TriggerTypeFilter = (typeof TRIGGER_TYPES)[number];

import {
  RUN_STATUSES,
  TRIGGER_TYPES,
  type RunStatusFilter,
  type TriggerTypeFilter,
} from '@/shared/run-filters';

/** The runs page's filters, as its URL holds them (`?workflow=&status=&trigger=&from=&to=&q=`). */
export interface RunFilters {
  workflow?: string;
  status?: RunStatusFilter;
  trigger?: TriggerTypeFilter;
  /** ISO instants. */
  from?: string;
  to?: string;
  q?: string;
}

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

const instant = (value: string | null) =>
  value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;

/** Reads the filters from search params; a value that is not valid is ignored, not an error. */
export function filtersFromParams(params: URLSearchParams): RunFilters {
  const status = params.get('status');
  const trigger = params.get('trigger');
  const from = instant(params.get('from'));
  const to = instant(params.get('to'));
  const filters: RunFilters = {};
  const workflow = params.get('workflow')?.trim();
  if (workflow) filters.workflow = workflow;
  if (isOneOf(RUN_STATUSES, status)) filters.status = status;
  if (isOneOf(TRIGGER_TYPES, trigger)) filters.trigger = trigger;
  if (from) filters.from = from;
  if (to && (!from || Date.parse(to) > Date.parse(from))) filters.to = to;
  const q = params.get('q')?.trim();
  if (q) filters.q = q;
  return filters;
}

/** The search params for `filters`, in a stable order; empty filters are left out. */
export function filtersToParams(filters: RunFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['workflow', 'status', 'trigger', 'from', 'to', 'q'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The list procedure's input for `filters`. */
export function listInputFor(filters: RunFilters, cursor: string | undefined, limit: number) {
  return {
    ...(filters.workflow ? { workflowId: filters.workflow } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.trigger ? { trigger: filters.trigger } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(cursor ? { cursor } : {}),
    limit,
  };
}

/** `datetime-local` works in local time without a zone; the URL holds UTC instants. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

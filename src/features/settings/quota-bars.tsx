'use client';

import type { QuotaUsage } from '@/server/quotas/quota-usage';

/** A workspace's quotas and usage as the settings and the Instance page read them. */
export type QuotaUsageView = QuotaUsage;

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 KB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

function UsageBar({
  label,
  used,
  quota,
  show = String,
}: {
  label: string;
  used: number;
  quota: number | null;
  show?: (n: number) => string;
}) {
  return (
    <div role="group" aria-label={label} className="text-sm">
      <div className="flex justify-between">
        <span>{label}</span>
        <span>
          {show(used)} {quota === null ? '(no quota)' : `of ${show(quota)}`}
        </span>
      </div>
      {quota !== null ? (
        <meter
          aria-label={label}
          min={0}
          max={Math.max(quota, 1)}
          value={Math.min(used, quota)}
          className="h-2 w-full"
        />
      ) : null}
    </div>
  );
}

/** A workspace's usage against each of its quotas, one bar per quota it has. */
export function QuotaBars({ usage, prefix = '' }: { usage: QuotaUsageView; prefix?: string }) {
  const { quotas } = usage;
  return (
    <div className="space-y-3">
      <UsageBar
        label={`${prefix}Runs this month`}
        used={usage.runsThisMonth}
        quota={quotas.runsPerMonth}
      />
      <UsageBar label={`${prefix}Active runs`} used={usage.activeRuns} quota={quotas.activeRuns} />
      <UsageBar label={`${prefix}Workflows`} used={usage.workflows} quota={quotas.workflows} />
      <UsageBar
        label={`${prefix}Schedules firing more than once a minute`}
        used={usage.fastSchedules}
        quota={quotas.fastSchedules}
      />
      <UsageBar
        label={`${prefix}Stored run data`}
        used={usage.storedBytes}
        quota={quotas.storedBytes}
        show={formatBytes}
      />
      {quotas.storedBytes !== null ? (
        <p className="text-xs text-slate-500">
          Stored run data is estimated in the background
          {usage.storedBytesAt ? ` (last ${usage.storedBytesAt.toLocaleString()})` : ''}.
        </p>
      ) : null}
    </div>
  );
}

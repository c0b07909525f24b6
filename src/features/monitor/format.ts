/** Display helpers shared by the monitors and the home dashboard. */

import { formatDuration as formatKnownDuration } from '../runs/format-duration';

export function formatDuration(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : formatKnownDuration(ms);
}

export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(rate === 1 ? 0 : 1)} %`;
}

/** "3 min ago" / "in 5 s", relative to `now`. */
export function formatRelative(date: Date | null | undefined, now: number): string {
  if (!date) return '—';
  const delta = date.getTime() - now;
  const abs = Math.abs(delta);
  const text =
    abs < 1_000
      ? 'now'
      : abs < 60_000
        ? `${Math.round(abs / 1_000)} s`
        : abs < 3_600_000
          ? `${Math.round(abs / 60_000)} min`
          : abs < 86_400_000
            ? `${Math.round(abs / 3_600_000)} h`
            : `${Math.round(abs / 86_400_000)} d`;
  if (text === 'now') return text;
  return delta < 0 ? `${text} ago` : `in ${text}`;
}

export function formatBucket(bucket: Date, stepMs: number): string {
  return stepMs < 3_600_000
    ? bucket.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : bucket.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

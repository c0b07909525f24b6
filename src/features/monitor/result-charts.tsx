'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FINAL_RUN_STATUSES } from '@/engine';
import type { ResultMonitor } from '@/server/services/monitor/get-result-monitor';
import type { RunStatusFilter } from '@/shared/run-filters';
import { runsHref } from './drill-down';
import { ChartFigure } from './chart-figure';
import { formatBucket, formatDuration, formatRate } from './format';
import { lineDots } from './line-dots';

type Series = ResultMonitor['series'];

const STATUS_COLORS = { succeeded: '#10b981', failed: '#ef4444', cancelled: '#94a3b8' } as const;

interface ChartProps {
  slug: string;
  series: Series;
  stepMs: number;
  workflowId?: string;
}

function bucketRange(series: Series, index: number, stepMs: number) {
  const from = series[index]!.bucket;
  return { from, to: new Date(from.getTime() + stepMs) };
}

/** Finished runs per bucket, stacked by status; a bar opens the runs behind it. */
export function RunsChart({ slug, series, stepMs, workflowId }: ChartProps) {
  const router = useRouter();
  const data = series.map((p) => ({ ...p, label: formatBucket(p.bucket, stepMs) }));
  const open = (index: number, status?: RunStatusFilter) => {
    if (!series[index]) return;
    router.push(runsHref(slug, { workflowId, status, ...bucketRange(series, index, stepMs) }));
  };
  const busiest = series.reduce((max, p) => (p.runs > max.runs ? p : max), series[0]!);
  const total = series.reduce((sum, p) => sum + p.runs, 0);
  return (
    <ChartFigure
      title="Finished runs"
      summary={
        total === 0
          ? 'No runs finished in this window.'
          : `${total} runs finished; the busiest interval (${formatBucket(busiest.bucket, stepMs)}) had ${busiest.runs}. Select a bar to see its runs.`
      }
      table={
        <table className="w-full text-left text-xs">
          <thead>
            <tr>
              <th className="py-1 pr-2">From</th>
              {FINAL_RUN_STATUSES.map((s) => (
                <th key={s} className="py-1 pr-2">
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((p, index) => (
              <tr key={p.bucket.toISOString()}>
                <td className="py-0.5 pr-2">{formatBucket(p.bucket, stepMs)}</td>
                {FINAL_RUN_STATUSES.map((s) => (
                  <td key={s} className="py-0.5 pr-2">
                    <Link
                      className="text-brand-700 hover:underline"
                      href={runsHref(slug, {
                        workflowId,
                        status: s,
                        ...bucketRange(series, index, stepMs),
                      })}
                      aria-label={`${p[s]} ${s} runs from ${formatBucket(p.bucket, stepMs)}`}
                    >
                      {p[s]}
                    </Link>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Legend />
          {FINAL_RUN_STATUSES.map((s) => (
            <Bar
              key={s}
              dataKey={s}
              stackId="runs"
              fill={STATUS_COLORS[s]}
              cursor="pointer"
              onClick={(_entry, index) => open(index, s)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** Duration percentiles per bucket; a point opens the runs of its interval. */
export function DurationChart({ slug, series, stepMs, workflowId }: ChartProps) {
  const router = useRouter();
  const data = series.map((p) => ({ ...p, label: formatBucket(p.bucket, stepMs) }));
  const slowest = series.reduce<Series[number] | null>(
    (max, p) => (p.p95 !== null && (!max || p.p95 > (max.p95 ?? 0)) ? p : max),
    null,
  );
  return (
    <ChartFigure
      title="Run duration (p50, p95, p99)"
      summary={
        slowest
          ? `The slowest interval by p95 was ${formatBucket(slowest.bucket, stepMs)} at ${formatDuration(slowest.p95)}. Select a point to see its runs.`
          : 'No run durations in this window.'
      }
      table={
        <table className="w-full text-left text-xs">
          <thead>
            <tr>
              <th className="py-1 pr-2">From</th>
              <th className="py-1 pr-2">p50</th>
              <th className="py-1 pr-2">p95</th>
              <th className="py-1 pr-2">p99</th>
              <th className="py-1 pr-2">Success</th>
            </tr>
          </thead>
          <tbody>
            {series.map((p, index) => (
              <tr key={p.bucket.toISOString()}>
                <td className="py-0.5 pr-2">
                  <Link
                    className="text-brand-700 hover:underline"
                    href={runsHref(slug, { workflowId, ...bucketRange(series, index, stepMs) })}
                  >
                    {formatBucket(p.bucket, stepMs)}
                  </Link>
                </td>
                <td className="py-0.5 pr-2">{formatDuration(p.p50)}</td>
                <td className="py-0.5 pr-2">{formatDuration(p.p95)}</td>
                <td className="py-0.5 pr-2">{formatDuration(p.p99)}</td>
                <td className="py-0.5 pr-2">{formatRate(p.successRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          accessibilityLayer={false}
          onClick={(state) => {
            const index = Number(state.activeTooltipIndex);
            if (!Number.isInteger(index) || !series[index]) return;
            router.push(runsHref(slug, { workflowId, ...bucketRange(series, index, stepMs) }));
          }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis
            tick={{ fontSize: 11 }}
            width={56}
            tickFormatter={(v: number) => formatDuration(v)}
          />
          <Tooltip formatter={(v) => formatDuration(typeof v === 'number' ? v : null)} />
          <Legend />
          <Line
            dataKey="p50"
            dot={lineDots(series.map((p) => p.p50))}
            stroke="#2563eb"
            connectNulls
          />
          <Line
            dataKey="p95"
            dot={lineDots(series.map((p) => p.p95))}
            stroke="#f59e0b"
            connectNulls
          />
          <Line
            dataKey="p99"
            dot={lineDots(series.map((p) => p.p99))}
            stroke="#dc2626"
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

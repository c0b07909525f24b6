'use client';

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { QueueMonitor } from '@/server/services/monitor/get-queue-monitor';
import { ChartFigure } from './chart-figure';
import { formatBucket } from './format';

const rate = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(2));

/** Runs and steps finished per second, per minute of the last hour. */
export function ThroughputChart({ throughput }: { throughput: QueueMonitor['throughput'] }) {
  const points = throughput.points.map((p) => ({
    ...p,
    label: formatBucket(p.bucket, throughput.stepMs),
  }));
  const peakSteps = Math.max(0, ...throughput.points.map((p) => p.stepsPerSecond));
  const peakRuns = Math.max(0, ...throughput.points.map((p) => p.runsPerSecond));
  const last = throughput.points.at(-2);
  return (
    <ChartFigure
      title="Throughput, last hour"
      summary={`Peak ${rate(peakSteps)} steps/s and ${rate(peakRuns)} runs/s per minute; the last full minute ran ${rate(last?.stepsPerSecond ?? 0)} steps/s and finished ${rate(last?.runsPerSecond ?? 0)} runs/s.`}
      table={
        <table className="w-full text-left text-xs">
          <thead>
            <tr>
              <th className="py-1 pr-2">Minute</th>
              <th className="py-1 pr-2">Steps/s</th>
              <th className="py-1 pr-2">Runs/s</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.bucket.toISOString()}>
                <td className="py-0.5 pr-2">{p.label}</td>
                <td className="py-0.5 pr-2">{rate(p.stepsPerSecond)}</td>
                <td className="py-0.5 pr-2">{rate(p.runsPerSecond)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis tick={{ fontSize: 11 }} width={40} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? rate(v) : v)} />
          <Legend />
          <Line dataKey="stepsPerSecond" name="steps/s" stroke="#2563eb" dot={false} />
          <Line dataKey="runsPerSecond" name="runs/s" stroke="#10b981" dot={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

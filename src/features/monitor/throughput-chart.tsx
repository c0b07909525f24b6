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
import { bucketName, throughputCounts } from './throughput-counts';

/** Runs and steps finished in each minute of the last hour. */
export function ThroughputChart({ throughput }: { throughput: QueueMonitor['throughput'] }) {
  const unit = bucketName(throughput.stepMs);
  const points = throughputCounts(throughput.points, throughput.stepMs).map((p) => ({
    ...p,
    label: formatBucket(p.bucket, throughput.stepMs),
  }));
  const peakSteps = Math.max(0, ...points.map((p) => p.steps));
  const peakRuns = Math.max(0, ...points.map((p) => p.runs));
  const last = points.at(-2);
  return (
    <ChartFigure
      title="Throughput, last hour"
      summary={`Steps and runs finished per ${unit}. Peak ${peakSteps} steps and ${peakRuns} runs in a ${unit}; the last full ${unit} ran ${last?.steps ?? 0} steps and finished ${last?.runs ?? 0} runs.`}
      table={
        <table className="w-full text-left text-xs">
          <thead>
            <tr>
              <th className="py-1 pr-2">Time</th>
              <th className="py-1 pr-2">Steps per {unit}</th>
              <th className="py-1 pr-2">Runs per {unit}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.bucket.toISOString()}>
                <td className="py-0.5 pr-2">{p.label}</td>
                <td className="py-0.5 pr-2">{p.steps}</td>
                <td className="py-0.5 pr-2">{p.runs}</td>
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
          <YAxis tick={{ fontSize: 11 }} width={40} allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line dataKey="steps" name={`steps per ${unit}`} stroke="#2563eb" dot={false} />
          <Line dataKey="runs" name={`runs per ${unit}`} stroke="#10b981" dot={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

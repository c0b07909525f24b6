import type { ResultMonitor } from '@/server/services/monitor/get-result-monitor';
import { formatDuration, formatRate } from './format';

/** The chosen workflow's A/B splits: runs, success rate and duration per variant. */
export function SplitVariants({ rows }: { rows: ResultMonitor['splitVariants'] }) {
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label="Results by variant" className="w-full text-sm">
        <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-800">
          Results by variant
        </caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">Split step</th>
            <th className="px-4 py-2 font-medium">Variant</th>
            <th className="px-4 py-2 font-medium">Runs</th>
            <th className="px-4 py-2 font-medium">Succeeded</th>
            <th className="px-4 py-2 font-medium">Success rate</th>
            <th className="px-4 py-2 font-medium">p50 duration</th>
            <th className="px-4 py-2 font-medium">Mean duration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={`${row.nodeId}:${row.variant}`}>
              <td className="px-4 py-2 font-mono text-xs">{row.nodeId}</td>
              <td className="px-4 py-2">{row.variant}</td>
              <td className="px-4 py-2">{row.runs}</td>
              <td className="px-4 py-2">{row.succeeded}</td>
              <td className="px-4 py-2">{formatRate(row.successRate)}</td>
              <td className="px-4 py-2">{formatDuration(row.p50Ms)}</td>
              <td className="px-4 py-2">{formatDuration(row.avgMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

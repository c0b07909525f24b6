import { addInto, emptyHistogram, percentiles, type Percentiles } from './duration-histogram';

/** One rollup row as the summaries read it. */
export interface RollupRow {
  workflowId: string;
  bucket: Date;
  status: string;
  runs: number;
  durationCount: number;
  durationSumMs: number;
  histogram: number[];
}

export interface RunSummary extends Percentiles {
  runs: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** succeeded / (succeeded + failed); cancelled runs are neither. Null with neither. */
  successRate: number | null;
  meanMs: number | null;
}

interface Accumulator {
  runs: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  durationCount: number;
  durationSumMs: number;
  histogram: number[];
}

function accumulator(): Accumulator {
  return {
    runs: 0,
    succeeded: 0,
    failed: 0,
    cancelled: 0,
    durationCount: 0,
    durationSumMs: 0,
    histogram: emptyHistogram(),
  };
}

function add(acc: Accumulator, row: RollupRow): void {
  acc.runs += row.runs;
  if (row.status === 'succeeded') acc.succeeded += row.runs;
  else if (row.status === 'failed') acc.failed += row.runs;
  else if (row.status === 'cancelled') acc.cancelled += row.runs;
  acc.durationCount += row.durationCount;
  acc.durationSumMs += row.durationSumMs;
  addInto(acc.histogram, row.histogram);
}

function summary(acc: Accumulator): RunSummary {
  const decided = acc.succeeded + acc.failed;
  return {
    runs: acc.runs,
    succeeded: acc.succeeded,
    failed: acc.failed,
    cancelled: acc.cancelled,
    successRate: decided === 0 ? null : acc.succeeded / decided,
    meanMs: acc.durationCount === 0 ? null : acc.durationSumMs / acc.durationCount,
    ...percentiles(acc.histogram),
  };
}

export function summarize(rows: Iterable<RollupRow>): RunSummary {
  const acc = accumulator();
  for (const row of rows) add(acc, row);
  return summary(acc);
}

/** One summary per bucket start, zeros included, oldest first. */
export function summarizeByBucket(
  rows: Iterable<RollupRow>,
  buckets: Date[],
): Array<RunSummary & { bucket: Date }> {
  const byBucket = new Map<number, Accumulator>(buckets.map((b) => [b.getTime(), accumulator()]));
  for (const row of rows) {
    const acc = byBucket.get(row.bucket.getTime());
    if (acc) add(acc, row);
  }
  return buckets.map((bucket) => ({ bucket, ...summary(byBucket.get(bucket.getTime())!) }));
}

export function summarizeByWorkflow(rows: Iterable<RollupRow>): Map<string, RunSummary> {
  const byWorkflow = new Map<string, Accumulator>();
  for (const row of rows) {
    let acc = byWorkflow.get(row.workflowId);
    if (!acc) byWorkflow.set(row.workflowId, (acc = accumulator()));
    add(acc, row);
  }
  return new Map([...byWorkflow].map(([id, acc]) => [id, summary(acc)]));
}

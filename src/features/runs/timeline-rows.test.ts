import { describe, expect, it } from 'vitest';
import { timelineRows } from './timeline-rows';

const at = (ms: number) => new Date(ms);

describe('timelineRows', () => {
  it('shows attempts, the waits between retries and the attempt in flight', () => {
    const rows = timelineRows(
      ['a', 'b', 'c'],
      [
        { nodeId: 'a', attempt: 1, status: 'succeeded', startedAt: at(0), finishedAt: at(10) },
        { nodeId: 'b', attempt: 1, status: 'failed', startedAt: at(10), finishedAt: at(20) },
        { nodeId: 'b', attempt: 2, status: 'failed', startedAt: at(50), finishedAt: at(60) },
      ],
      [{ id: 'b', status: 'running', attempts: 3, startedAt: 90, notBefore: 90, waitUntil: null }],
      100,
    );
    expect(rows[0]!.bars).toEqual([
      { kind: 'attempt', attempt: 1, status: 'succeeded', start: 0, end: 10, open: false },
    ]);
    expect(rows[1]!.bars.map((b) => [b.kind, b.attempt, b.start, b.end])).toEqual([
      ['attempt', 1, 10, 20],
      ['retryWait', 2, 20, 50],
      ['attempt', 2, 50, 60],
      ['retryWait', 3, 60, 90],
      ['attempt', 3, 90, 100],
    ]);
    expect(rows[2]!.bars).toEqual([]);
  });

  it('lets a waiting step last until now', () => {
    const [row] = timelineRows(
      ['wait'],
      [{ nodeId: 'wait', attempt: 1, status: 'waiting', startedAt: at(5), finishedAt: at(6) }],
      [],
      500,
    );
    expect(row!.bars).toEqual([
      { kind: 'attempt', attempt: 1, status: 'waiting', start: 5, end: 500, open: true },
    ]);
  });
});

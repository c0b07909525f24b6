import { describe, expect, it } from 'vitest';
import { FINAL_RUN_STATUSES, isRunFinal, transitionRun, type RunStatus } from './run-state';

const ALL: RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

function canLeave(from: RunStatus): boolean {
  return ALL.some((to) => {
    try {
      transitionRun(from, to);
      return true;
    } catch {
      return false;
    }
  });
}

describe('final run statuses', () => {
  it('are exactly the statuses a run never leaves', () => {
    expect(ALL.filter((status) => !canLeave(status))).toEqual([...FINAL_RUN_STATUSES]);
    for (const status of ALL) expect(isRunFinal(status)).toBe(!canLeave(status));
  });

  it('reads statuses that arrive as text (database rows, notices)', () => {
    expect(isRunFinal('cancelled')).toBe(true);
    expect(isRunFinal('paused')).toBe(false);
  });
});

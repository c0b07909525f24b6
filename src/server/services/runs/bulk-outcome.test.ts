import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { forEachRun } from './bulk-outcome';

describe('forEachRun', () => {
  it('reports each run, and an unexpected failure of one run without losing the others', async () => {
    const outcomes = await forEachRun(['a', 'b', 'c'], async (id) => {
      if (id === 'a') throw new AppError('CONFLICT', 'Run a has already finished');
      if (id === 'b') throw new Error('connection reset');
      return { status: 'cancelled' };
    });
    expect(outcomes).toEqual([
      { id: 'a', ok: false, error: 'Run a has already finished' },
      { id: 'b', ok: false, error: 'Internal error' },
      { id: 'c', ok: true, status: 'cancelled' },
    ]);
  });
});

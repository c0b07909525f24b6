import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, transitionNode, transitionRun } from './run-state';

describe('run status machine', () => {
  it('allows the documented path', () => {
    expect(transitionRun('queued', 'running')).toBe('running');
    expect(transitionRun('running', 'waiting')).toBe('waiting');
    expect(transitionRun('waiting', 'running')).toBe('running');
    expect(transitionRun('waiting', 'succeeded')).toBe('succeeded');
    expect(transitionRun('running', 'cancelled')).toBe('cancelled');
  });

  it.each([
    ['succeeded', 'running'],
    ['failed', 'succeeded'],
    ['cancelled', 'running'],
    ['queued', 'waiting'],
    ['queued', 'succeeded'],
    ['running', 'queued'],
  ] as const)('refuses %s -> %s', (from, to) => {
    expect(() => transitionRun(from, to)).toThrow(IllegalTransitionError);
    expect(() => transitionRun(from, to)).toThrow(`Illegal run transition: ${from} -> ${to}`);
  });
});

describe('node status machine', () => {
  it.each([
    ['succeeded', 'scheduled'],
    ['skipped', 'scheduled'],
    ['pending', 'succeeded'],
    ['pending', 'running'],
    ['cancelled', 'failed'],
  ] as const)('refuses %s -> %s', (from, to) => {
    expect(() => transitionNode(from, to)).toThrow(IllegalTransitionError);
  });

  it('allows retries back to scheduled', () => {
    expect(transitionNode('running', 'scheduled')).toBe('scheduled');
    expect(transitionNode('waiting', 'scheduled')).toBe('scheduled');
  });
});

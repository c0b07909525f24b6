import { defaultRegistry } from '@/engine';
import { describe, expect, it } from 'vitest';
import { checkConnection } from './connection';
import { diamond } from './fixtures';

const check = (source: string, target: string, sourceHandle?: string) =>
  checkConnection(diamond(), defaultRegistry, { source, target, sourceHandle });

describe('connection validity', () => {
  it('accepts a new forward edge', () => {
    expect(check('start', 'join')).toEqual({ ok: true });
    expect(check('check', 'join', 'true')).toEqual({ ok: true });
  });

  it('refuses self-loops', () => {
    expect(check('yes', 'yes')).toMatchObject({ ok: false, reason: /itself/ });
  });

  it('refuses edges into a trigger', () => {
    expect(check('join', 'start')).toMatchObject({ ok: false, reason: /trigger/ });
  });

  it('refuses duplicates, but not the same pair on another port', () => {
    expect(check('check', 'yes', 'true')).toMatchObject({ ok: false, reason: /already/ });
    expect(check('check', 'yes', 'false')).toEqual({ ok: true });
  });

  it('refuses cycles', () => {
    expect(check('join', 'check')).toMatchObject({ ok: false, reason: /cycle/ });
    expect(check('no', 'check')).toMatchObject({ ok: false, reason: /cycle/ });
  });

  it('refuses unknown nodes', () => {
    expect(check('start', 'ghost')).toMatchObject({ ok: false });
  });
});

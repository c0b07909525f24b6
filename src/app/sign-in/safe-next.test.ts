import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path on this site', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
  });

  it.each(['https://evil.test/', '//evil.test/x', '/\\evil.test', 'invite', '', undefined, 42])(
    'drops %j for /',
    (value) => {
      expect(safeNext(value)).toBe('/');
    },
  );
});

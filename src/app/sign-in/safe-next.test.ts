import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path on this site', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
    expect(safeNext('/w/team/runs?status=failed#top')).toBe('/w/team/runs?status=failed#top');
  });

  it.each([
    'https://evil.test/',
    '//evil.test/x',
    '/\\evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    '/%09/evil.test'.replace('%09', '\t'),
    'invite',
    '',
    undefined,
    42,
  ])('drops %j for /', (value) => {
    expect(safeNext(value)).toBe('/');
  });
});

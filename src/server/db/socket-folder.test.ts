import { describe, expect, it } from 'vitest';
import { socketFolder } from './embedded-postgres';

describe('socketFolder', () => {
  it('puts the socket in the data folder when its path fits', () => {
    expect(socketFolder('/srv/miniflow/.miniflow/pg', 54329)).toBe('/srv/miniflow/.miniflow/pg');
  });

  it('falls back to TCP when the socket path would pass the limit of 103 bytes', () => {
    expect(socketFolder(`/srv/${'a'.repeat(90)}/pg`, 54329)).toBeUndefined();
  });

  it('falls back to TCP for a folder the server would split into several', () => {
    expect(socketFolder('/home/me/My Projects/pg', 54329)).toBeUndefined();
    expect(socketFolder('/srv/a,b/pg', 54329)).toBeUndefined();
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { PostgresExit, RunningPostgres } from '../../src/server/db/embedded-postgres';
import { supervisePostgres } from './supervise-postgres';

function fakePostgres(restart: () => Promise<void>) {
  let listener: ((exit: PostgresExit) => void) | undefined;
  const restarts = vi.fn(restart);
  const postgres = {
    logFile: '/data/postgres.log',
    onUnexpectedExit: (l: (exit: PostgresExit) => void) => (listener = l),
    restart: restarts,
  } as unknown as RunningPostgres;
  return { postgres, restarts, die: () => listener?.({ code: null, signal: 'SIGKILL' }) };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('supervisePostgres', () => {
  it('restarts a server that died and says so', async () => {
    const lines: string[] = [];
    const { postgres, restarts, die } = fakePostgres(() => Promise.resolve());
    const giveUp = vi.fn();
    supervisePostgres(postgres, {
      say: (l) => lines.push(l),
      stopping: () => false,
      giveUp,
      firstDelayMs: 1,
    });
    die();
    await settle();
    expect(restarts).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      'PostgreSQL stopped unexpectedly (killed by SIGKILL); restarting it…',
      'PostgreSQL is running again (attempt 1).',
    ]);
    expect(giveUp).not.toHaveBeenCalled();
  });

  it('gives up with one message after the bounded number of restarts', async () => {
    const { postgres, restarts, die } = fakePostgres(() => Promise.reject(new Error('no')));
    const giveUp = vi.fn();
    supervisePostgres(postgres, {
      say: () => undefined,
      stopping: () => false,
      giveUp,
      firstDelayMs: 1,
      maxDelayMs: 2,
      maxRestarts: 3,
    });
    die();
    await settle();
    expect(restarts).toHaveBeenCalledTimes(3);
    expect(giveUp).toHaveBeenCalledTimes(1);
    expect(giveUp.mock.calls[0]![0]).toMatch(
      /PostgreSQL could not be kept running \(3 restarts within 10 minutes; see \/data\/postgres\.log\)/,
    );
  });

  it('leaves an exit alone while the app is stopping', async () => {
    const { postgres, restarts, die } = fakePostgres(() => Promise.resolve());
    supervisePostgres(postgres, { say: () => undefined, stopping: () => true, giveUp: vi.fn() });
    die();
    await settle();
    expect(restarts).not.toHaveBeenCalled();
  });
});

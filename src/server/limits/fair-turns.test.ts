import { describe, expect, it } from 'vitest';
import { FairTurns } from './fair-turns';

const settle = () => new Promise((resolve) => setImmediate(resolve));

function turns(now: { t: number }) {
  return new FairTurns({ capacity: 6, shared: 2, reserve: 2, activeMs: 1_000, now: () => now.t });
}

/** Asks for `count` turns of `key`, noting each one's end function once it is granted. */
function ask(fair: FairTurns, key: string, count: number, granted: string[]) {
  return Array.from({ length: count }, (_, i) =>
    fair.take(key).then((end) => {
      granted.push(`${key}${i}`);
      return end;
    }),
  );
}

describe('FairTurns', () => {
  it('lets a key alone use every turn but the reserve, so another key finds one free', async () => {
    const clock = { t: 0 };
    const fair = turns(clock);
    const granted: string[] = [];
    void Promise.all(ask(fair, 'a', 6, granted));
    await settle();
    expect(granted).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(fair.load()).toEqual({ running: 4, waiting: 2 });

    void Promise.all(ask(fair, 'b', 1, granted));
    await settle();
    expect(granted).toContain('b0');
  });

  it('holds a key to its shared turns while another key is active, and serves waiting keys in rotation', async () => {
    const clock = { t: 0 };
    const fair = turns(clock);
    const granted: string[] = [];
    const b = ask(fair, 'b', 1, granted);
    await settle();
    const a = ask(fair, 'a', 5, granted);
    await settle();
    // b is active, so a gets its two shared turns and waits for the rest.
    expect(granted).toEqual(['b0', 'a0', 'a1']);

    const c = ask(fair, 'c', 3, granted);
    await settle();
    expect(granted.slice(3)).toEqual(['c0', 'c1']);
    expect(fair.load()).toEqual({ running: 5, waiting: 4 });

    // Turns that end go to waiting keys in rotation: a's next, then c's, then a's again.
    (await a[0]!)();
    (await c[0]!)();
    (await a[1]!)();
    await settle();
    expect(granted.slice(5)).toEqual(['a2', 'c2', 'a3']);
    (await b[0]!)();
  });

  it('lifts the shared limit once the other keys have been idle for the active period', async () => {
    const clock = { t: 0 };
    const fair = turns(clock);
    const granted: string[] = [];
    const [b] = ask(fair, 'b', 1, granted);
    await settle();
    (await b!)();
    const a = ask(fair, 'a', 4, granted);
    await settle();
    expect(granted).toEqual(['b0', 'a0', 'a1']);

    clock.t = 1_001;
    (await a[0]!)();
    await settle();
    // b took no turn for longer than activeMs: a may use every turn but the reserve.
    expect(granted).toEqual(['b0', 'a0', 'a1', 'a2', 'a3']);
  });

  it('never exceeds its capacity, and ends a turn once however often its end is called', async () => {
    const clock = { t: 0 };
    const fair = new FairTurns({
      capacity: 3,
      shared: 3,
      reserve: 0,
      activeMs: 1_000,
      now: () => clock.t,
    });
    const granted: string[] = [];
    const [first] = ask(fair, 'a', 5, granted);
    await settle();
    expect(granted).toHaveLength(3);
    const end = await first!;
    end();
    end();
    await settle();
    expect(granted).toHaveLength(4);
    expect(fair.load()).toEqual({ running: 3, waiting: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { splitStep } from './split';

describe('split step', () => {
  const p = splitStep.params.parse({
    variants: [
      { name: 'control', weight: 50 },
      { name: 'treatment', weight: 50 },
    ],
    key: 'input.customerId',
  });
  const run = (customerId: unknown, nodeId = 'node_1') =>
    splitStep.execute(p, {
      ...fakeContext({ input: { customerId }, predecessors: { t: { customerId } } }),
      nodeId,
    });

  it('has one port per variant and passes its input through', async () => {
    expect(splitStep.ports(p)).toEqual(['control', 'treatment']);
    const result = await run('c1');
    expect(result).toMatchObject({ output: { customerId: 'c1' } });
    expect(['control', 'treatment']).toContain((result as { port: string }).port);
  });

  it('sends the same key to the same port every time, and spreads keys by weight', async () => {
    const ports = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const first = (await run(`c${i}`)) as { port: string };
      const again = (await run(`c${i}`)) as { port: string };
      expect(again.port).toBe(first.port);
      ports.set(first.port, (ports.get(first.port) ?? 0) + 1);
    }
    expect(Math.abs(ports.get('control')! / 2000 - 0.5)).toBeLessThan(0.05);
  });

  it('buckets independently per step', async () => {
    let same = 0;
    for (let i = 0; i < 1000; i++) {
      const a = (await run(`c${i}`, 'a')) as { port: string };
      const b = (await run(`c${i}`, 'b')) as { port: string };
      if (a.port === b.port) same++;
    }
    expect(Math.abs(same / 1000 - 0.5)).toBeLessThan(0.08);
  });

  it('a zero weight never gets a key', async () => {
    const all = splitStep.params.parse({
      variants: [
        { name: 'a', weight: 0 },
        { name: 'b', weight: 1 },
      ],
      key: 'input.k',
    });
    for (let i = 0; i < 100; i++) {
      expect(await splitStep.execute(all, fakeContext({ input: { k: i } }))).toMatchObject({
        port: 'b',
      });
    }
  });

  it('fails without a usable key, naming it', async () => {
    await expect(run(undefined)).rejects.toThrow(
      /Split key must give a string or a number, got nothing/,
    );
    await expect(run({ a: 1 })).rejects.toThrow(/got \{"a":1\}/);
  });

  it('rejects duplicate, reserved or all-zero variants', () => {
    for (const variants of [
      [{ name: 'a', weight: 1 }],
      [
        { name: 'a', weight: 1 },
        { name: 'a', weight: 1 },
      ],
      [
        { name: 'error', weight: 1 },
        { name: 'a', weight: 1 },
      ],
      [
        { name: 'a', weight: 0 },
        { name: 'b', weight: 0 },
      ],
      [
        { name: 'a b', weight: 1 },
        { name: 'c', weight: 1 },
      ],
    ]) {
      expect(
        splitStep.params.safeParse({ variants, key: 'input.k' }).success,
        JSON.stringify(variants),
      ).toBe(false);
    }
    expect(splitStep.ports(splitStep.params.parse({}))).toEqual(['a', 'b']);
  });
});

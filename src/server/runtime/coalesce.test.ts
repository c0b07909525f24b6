import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

/** A batch runner whose statements end only when the test says so. */
function manual() {
  const batches: { inputs: number[]; end: (error?: Error) => void }[] = [];
  const run = coalesce(
    (inputs: number[]) =>
      new Promise<string[]>((resolve, reject) =>
        batches.push({
          inputs,
          end: (error) => (error ? reject(error) : resolve(inputs.map((n) => `#${n}`))),
        }),
      ),
    3,
  );
  return { run, batches };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('coalesce', () => {
  it('sends a lone request at once, and those made meanwhile together after it', async () => {
    const { run, batches } = manual();
    const first = run(1);
    expect(batches.map((b) => b.inputs)).toEqual([[1]]);
    const rest = [run(2), run(3), run(4), run(5)];
    await tick();
    expect(batches).toHaveLength(1);
    batches[0]!.end();
    expect(await first).toBe('#1');
    await tick();
    // At most 3 per batch; the rest wait for that one.
    expect(batches.map((b) => b.inputs)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.end();
    await tick();
    expect(batches.map((b) => b.inputs)).toEqual([[1], [2, 3, 4], [5]]);
    batches[2]!.end();
    expect(await Promise.all(rest)).toEqual(['#2', '#3', '#4', '#5']);
  });

  it('fails every request of a failed batch, and goes on with the next', async () => {
    const { run, batches } = manual();
    const first = run(1);
    const second = run(2);
    const third = run(3);
    batches[0]!.end(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    batches[1]!.end(new Error('refused'));
    await expect(Promise.allSettled([second, third])).resolves.toMatchObject([
      { status: 'rejected', reason: { message: 'refused' } },
      { status: 'rejected', reason: { message: 'refused' } },
    ]);
    const fourth = run(4);
    await tick();
    batches[2]!.end();
    expect(await fourth).toBe('#4');
  });

  it('turns a runner that throws at once into failed requests', async () => {
    const run = coalesce((): Promise<number[]> => {
      throw new Error('bad');
    }, 4);
    await expect(run(1)).rejects.toThrow('bad');
  });
});

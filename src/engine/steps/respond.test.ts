import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { respondStep } from './respond';

describe('respond step', () => {
  it('outputs the response to send', async () => {
    const p = respondStep.params.parse({
      status: 201,
      headers: { 'x-id': '7' },
      body: { ok: true },
    });
    expect(await respondStep.execute(p, fakeContext())).toEqual({
      output: { status: 201, headers: { 'x-id': '7' }, body: { ok: true } },
    });
    expect(await respondStep.execute(respondStep.params.parse({}), fakeContext())).toEqual({
      output: { status: 200, headers: {}, body: null },
    });
  });

  it('rejects bad params', () => {
    for (const bad of [{ status: 99 }, { status: 600 }, { status: '200' }, { headers: { a: 1 } }]) {
      expect(respondStep.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

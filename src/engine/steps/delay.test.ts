import { describe, expect, it } from 'vitest';
import { delayStep } from './delay';
import { fakeContext } from './fake-context';
import { StepError } from './step-type';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('delay step', () => {
  it('suspends until now + ms by the context clock', async () => {
    const result = await delayStep.execute(
      delayStep.params.parse({ ms: 90_000 }),
      fakeContext({ now }),
    );
    expect(result).toEqual({
      suspend: {
        kind: 'delay',
        until: now + 90_000,
        output: { until: '2026-01-01T00:01:30.000Z' },
      },
    });
  });

  it('suspends until an ISO time with a zone', async () => {
    const p = delayStep.params.parse({ until: '2026-01-02T10:00:00+02:00' });
    expect(await delayStep.execute(p, fakeContext({ now }))).toMatchObject({
      suspend: { kind: 'delay', until: Date.parse('2026-01-02T08:00:00Z') },
    });
  });

  it('refuses times that are not ISO instants', async () => {
    for (const until of ['tomorrow', '2026-01-02T10:00:00', '01/02/2026']) {
      const p = delayStep.params.parse({ until });
      await expect(delayStep.execute(p, fakeContext({ now })), until).rejects.toBeInstanceOf(
        StepError,
      );
    }
  });

  it('requires exactly one of ms and until', () => {
    for (const bad of [
      {},
      { ms: 1, until: '2026-01-01T00:00:00Z' },
      { ms: -1 },
      { ms: 1.5 },
      { until: '' },
    ]) {
      expect(delayStep.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

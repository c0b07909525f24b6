import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '@/engine';
import { metrics } from './metrics';
import { timedRegistry } from './timed-registry';

async function count(labels: Record<string, string>) {
  const { values } = await metrics().stepDuration.get();
  const found = values.find(
    (v) =>
      v.metricName === 'miniflow_step_duration_seconds_count' &&
      v.labels.type === labels.type &&
      v.labels.outcome === labels.outcome,
  );
  return found?.value ?? 0;
}

describe('timedRegistry', () => {
  it('keeps every step type and times each execution by type and outcome', async () => {
    let clock = 0;
    const registry = timedRegistry(defaultRegistry, () => (clock += 250));
    expect(registry.list().map((t) => t.id)).toEqual(defaultRegistry.list().map((t) => t.id));
    expect(registry.get('set')?.inline).toBe(true);

    const ctx = { predecessors: {}, steps: {}, input: {} } as unknown as Parameters<
      NonNullable<ReturnType<typeof registry.get>>['execute']
    >[1];
    await registry.get('noop')!.execute({}, ctx);
    await expect(registry.get('fail')!.execute({ message: 'stop' }, ctx)).rejects.toThrow('stop');
    expect(await count({ type: 'noop', outcome: 'succeeded' })).toBe(1);
    expect(await count({ type: 'fail', outcome: 'failed' })).toBe(1);
    const { values } = await metrics().stepDuration.get();
    const sum = values.find(
      (v) => v.metricName === 'miniflow_step_duration_seconds_sum' && v.labels.type === 'noop',
    );
    expect(sum?.value).toBe(0.25);
  });
});

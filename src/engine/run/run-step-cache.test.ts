import { describe, expect, it } from 'vitest';
import type { CachedStepResult, StepCache } from '../ports';
import { createRegistry } from '../testing/fake-steps';
import { createMemoryPorts } from '../testing/memory-ports';
import type { WorkflowNode } from '../definition/workflow.schema';
import { runStep } from './run-step';

function memoryCache() {
  const entries = new Map<string, CachedStepResult>();
  const calls: string[] = [];
  const cache: StepCache = {
    async get(key) {
      calls.push(`get ${key}`);
      return entries.get(key);
    },
    async set(key, result, ttl) {
      calls.push(`set ${key} ${ttl}`);
      entries.set(key, result);
    },
  };
  return { cache, calls };
}

function step(node: Partial<WorkflowNode>, cache: StepCache, input: unknown, hits: string[] = []) {
  return runStep({
    registry: createRegistry(),
    node: { id: 'n', type: 'set', params: { value: '{{ input.name }}' }, ...node },
    attempt: 1,
    run: { id: 'r', workflowId: 'w', attempt: 1 },
    input,
    steps: {},
    predecessors: {},
    vars: {},
    ports: {
      ...createMemoryPorts({}),
      clock: { now: () => 0 },
      stepCache: cache,
    },
    onCacheHit: () => hits.push(node.id ?? 'n'),
  });
}

describe('step result cache', () => {
  it('keys by the resolved params by default and serves a hit without running the step', async () => {
    const { cache, calls } = memoryCache();
    const hits: string[] = [];
    const first = await step({ cache: { ttlSeconds: 60 } }, cache, { name: 'Ada' }, hits);
    expect(hits).toEqual([]);
    expect(first).toMatchObject({ type: 'stepSucceeded', output: 'Ada' });
    expect(calls).toEqual(['get {"value":"Ada"}', 'set {"value":"Ada"} 60']);
    // The same resolved params: served from the cache (the stored output proves it).
    await cache.set('{"value":"Ada"}', { output: 'from cache' }, 60);
    const hit = await step({ cache: { ttlSeconds: 60 } }, cache, { name: 'Ada' }, hits);
    expect(hit).toMatchObject({ type: 'stepSucceeded', output: 'from cache' });
    expect(hits).toEqual(['n']);
    expect(await step({ cache: { ttlSeconds: 60 } }, cache, { name: 'Bob' })).toMatchObject({
      output: 'Bob',
    });
  });

  it('uses the key template when there is one', async () => {
    const { cache, calls } = memoryCache();
    await step({ cache: { ttlSeconds: 5, key: 'user-{{ input.id }}' } }, cache, {
      id: 7,
      name: 'Ada',
    });
    expect(calls).toEqual(['get "user-7"', 'set "user-7" 5']);
  });

  it('never reaches the cache for a step without "cache"', async () => {
    const { cache, calls } = memoryCache();
    await step({}, cache, { name: 'Ada' });
    expect(calls).toEqual([]);
  });
});

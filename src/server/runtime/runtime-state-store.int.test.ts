import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { workflowStateStore } from '@/server/runtime/server-ports';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';

let first: string;
let second: string;

beforeAll(async () => {
  const actor = await ownerActor();
  const flow = (name: string) =>
    publish(actor, { name, nodes: [node('start', 'manual')], edges: [] });
  first = (await flow('State one')).workflowId;
  second = (await flow('State two')).workflowId;
});

describe('workflow state ($state)', () => {
  it('stores JSON per workflow and key, and reads it back as written', async () => {
    const a = workflowStateStore(db, first);
    const b = workflowStateStore(db, second);
    expect(await a.get('cursor')).toBeUndefined();
    const value = { page: 3, seen: ['x', 'y'], nested: { ok: true, n: null } };
    await a.set('cursor', value);
    expect(await a.get('cursor')).toEqual(value);
    // Another workflow's key of the same name is another value.
    expect(await b.get('cursor')).toBeUndefined();
    await b.set('cursor', 1);
    expect(await a.get('cursor')).toEqual(value);
    // Overwrite, then the JSON edge cases: null stays null, undefined removes the key.
    await a.set('cursor', 'done');
    expect(await a.get('cursor')).toBe('done');
    await a.set('cursor', null);
    expect(await a.get('cursor')).toBeNull();
    await a.set('cursor', undefined);
    expect(await a.get('cursor')).toBeUndefined();
    expect(await b.get('cursor')).toBe(1);
  });

  it('concurrent first writes of one key all succeed; one whole value wins', async () => {
    // Separate store objects, as separate runs would have.
    const writers = Array.from({ length: 25 }, (_, i) => ({
      store: workflowStateStore(db, first),
      value: { writer: i, payload: 'x'.repeat(100 + i) },
    }));
    const reads: unknown[] = [];
    await Promise.all([
      ...writers.map((w) => w.store.set('race', w.value)),
      ...writers.map(async (w) => reads.push(await w.store.get('race'))),
    ]);
    const written = writers.map((w) => w.value);
    const final = await workflowStateStore(db, first).get('race');
    expect(written).toContainEqual(final);
    // A read sees nothing yet or one complete value, never a mix.
    for (const read of reads) if (read !== undefined) expect(written).toContainEqual(read);
    expect(await db.workflowState.count({ where: { workflowId: first, key: 'race' } })).toBe(1);
  });
});

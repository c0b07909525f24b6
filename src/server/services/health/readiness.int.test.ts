import { describe, expect, it } from 'vitest';
import { db } from '../../db';
import { checkReadiness, markDraining, markStarted } from './readiness';

describe('readiness', () => {
  it('is ready once started with its migrations applied, and not while draining', async () => {
    expect(await checkReadiness()).toMatchObject({ ready: false, started: false, database: 'up' });

    const [{ applied }] = await db.$queryRaw<[{ applied: bigint }]>`
      SELECT count(*) AS applied FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    markStarted(Number(applied) + 1);
    expect(await checkReadiness()).toMatchObject({ ready: false, migrations: 'pending' });

    markStarted(Number(applied));
    expect(await checkReadiness()).toEqual({
      ready: true,
      started: true,
      draining: false,
      database: 'up',
      migrations: 'applied',
    });

    markDraining();
    expect(await checkReadiness()).toMatchObject({ ready: false, draining: true });
  });
});

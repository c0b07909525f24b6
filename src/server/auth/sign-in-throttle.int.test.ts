import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { authenticate } from './authenticate';
import { hashPassword } from './password';
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, countAttempt } from './sign-in-throttle';

const PASSWORD = 'the-right-password';

async function account() {
  const email = `throttle-${randomBytes(4).toString('hex')}@example.com`;
  await db.user.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

// A fresh address each time: one an earlier test (or an earlier run on the same database)
// locked out would refuse every attempt here.
const address = () => `10.${[...randomBytes(3)].join('.')}`;
const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

describe('sign-in throttling', () => {
  it('lets a parallel flood on one account check exactly 5 passwords, then locks even the right one', async () => {
    const email = await account();
    const now = new Date();
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        authenticate(db, { email, password: `wrong-${i}`, address: `203.0.113.${i + 1}` }, now),
      ),
    );
    const checked = flood.filter((o) => !o.ok && o.reason === 'wrong-credentials');
    const throttled = flood.filter((o) => !o.ok && o.reason === 'throttled');
    expect(checked).toHaveLength(ACCOUNT_RULE.limit);
    expect(throttled).toHaveLength(40 - ACCOUNT_RULE.limit);
    const right = await authenticate(db, { email, password: PASSWORD }, now);
    expect(right).toMatchObject({ ok: false, reason: 'throttled' });
    expect((right as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
  });

  it('lets the owner sign in from another address while one address floods the account', async () => {
    const email = await account();
    const now = new Date();
    const flooder = address();
    const flood = [];
    for (let i = 0; i < 30; i++) {
      flood.push(await authenticate(db, { email, password: `wrong-${i}`, address: flooder }, now));
    }
    expect(flood.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
    // Exactly what the pair allows reached the password check.
    expect(flood.filter((o) => !o.ok && o.reason === 'wrong-credentials')).toHaveLength(5);
    const owner = await authenticate(db, { email, password: PASSWORD, address: '192.0.2.77' }, now);
    expect(owner.ok).toBe(true);
    const again = await authenticate(db, { email, password: PASSWORD, address: flooder }, now);
    expect(again).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('locks one address that floods many accounts, not the accounts elsewhere', async () => {
    const from = address();
    const now = new Date();
    const emails = await Promise.all(Array.from({ length: 3 }, account));
    const flood = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        authenticate(
          db,
          { email: `nobody-${i}-${from}@example.com`, password: 'x', address: from },
          now,
        ),
      ),
    );
    expect(flood.filter((o) => !o.ok && o.reason === 'wrong-credentials')).toHaveLength(
      ADDRESS_RULE.limit,
    );
    // Past its limit the address's attempts are not counted per email: no row per made-up one.
    const rows = await db.signInThrottle.count({
      where: { key: { startsWith: 'account:nobody-' }, AND: { key: { contains: `-${from}@` } } },
    });
    expect(rows).toBe(ADDRESS_RULE.limit);
    for (const email of emails) {
      expect(
        await authenticate(db, { email, password: PASSWORD, address: from }, now),
      ).toMatchObject({ ok: false, reason: 'throttled' });
      expect(
        await authenticate(db, { email, password: PASSWORD, address: address() }, now),
      ).toMatchObject({ ok: true });
    }
  });

  it('grows the lock-out with every attempt made while locked, and lifts it after the window', async () => {
    const key = accountKey(`growth-${randomBytes(4).toString('hex')}@example.com`);
    const start = new Date();
    for (let i = 0; i < ACCOUNT_RULE.limit; i++) {
      expect(await countAttempt(db, key, ACCOUNT_RULE, start)).toMatchObject({ allowed: true });
    }
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const verdict = await countAttempt(db, key, ACCOUNT_RULE, start);
      expect(verdict.allowed).toBe(false);
      waits.push((verdict as { retryAfterMs: number }).retryAfterMs);
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000]);
    // Still locked when the window is over but the lock-out (16 minutes) is not.
    const locked = await countAttempt(db, key, ACCOUNT_RULE, later(start, ACCOUNT_RULE.windowMs));
    expect(locked.allowed).toBe(false);
    const after = later(start, ACCOUNT_RULE.windowMs + ACCOUNT_RULE.maxLockMs + 1_000);
    expect(await countAttempt(db, key, ACCOUNT_RULE, after)).toEqual({
      allowed: true,
      attempts: 1,
    });
  });

  it('starts an account afresh after a correct password', async () => {
    const email = await account();
    const now = new Date();
    for (let i = 0; i < ACCOUNT_RULE.limit - 1; i++) {
      await authenticate(db, { email, password: 'wrong' }, now);
    }
    expect(await authenticate(db, { email, password: PASSWORD }, now)).toMatchObject({ ok: true });
    for (let i = 0; i < ACCOUNT_RULE.limit - 1; i++) {
      expect(await authenticate(db, { email, password: 'wrong' }, now)).toMatchObject({
        reason: 'wrong-credentials',
      });
    }
  });
});

describe('sign-in timing', () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

  async function timed(email: string): Promise<number> {
    const started = performance.now();
    const outcome = await authenticate(db, { email, password: 'not-the-password' });
    const elapsed = performance.now() - started;
    expect(outcome).toMatchObject({ ok: false, reason: 'wrong-credentials' });
    return elapsed;
  }

  it('takes as long for an unknown email as for a wrong password', async () => {
    const rounds = 15;
    // A fresh account per attempt keeps every attempt under the account limit.
    const known = await Promise.all(Array.from({ length: rounds }, account));
    await timed(`warm-up-${randomBytes(4).toString('hex')}@example.com`);
    const wrongPassword: number[] = [];
    const unknownEmail: number[] = [];
    for (let i = 0; i < rounds; i++) {
      wrongPassword.push(await timed(known[i]!));
      unknownEmail.push(await timed(`unknown-${randomBytes(6).toString('hex')}@example.com`));
    }
    const [a, b] = [median(wrongPassword), median(unknownEmail)];
    // Without the dummy verification an unknown email answers in a fraction of the time.
    expect(Math.abs(a - b) / Math.max(a, b)).toBeLessThan(0.25);
  });
});

import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { knownSignInRefusal, SIGN_IN_GATE, signInGate } from './sign-in-gate';

// As `npm start` marks every request with the address it established.
const from = (address: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: address });

describe('the sign-in gate', () => {
  it('refuses a flood from one address with 429 before any sign-in runs, not other addresses', async () => {
    for (let i = 0; i < SIGN_IN_GATE.burst; i++) {
      expect(await signInGate(from('203.0.113.50'))).toBeUndefined();
    }
    const refused = await signInGate(from('203.0.113.50'));
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('retry-after')).toBe('1');
    expect(await signInGate(from('203.0.113.51'))).toBeUndefined();
  });

  it('knows a refused address without the database, so the server can refuse before the app', async () => {
    expect(knownSignInRefusal('203.0.113.60')).toBeUndefined();
    for (let i = 0; i < SIGN_IN_GATE.burst; i++) await signInGate(from('203.0.113.60'));
    expect((await signInGate(from('203.0.113.60')))?.status).toBe(429);
    const known = knownSignInRefusal('203.0.113.60');
    expect(known).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });
    expect(JSON.parse(known!.body)).toEqual({
      error: { message: 'Too many sign-in attempts from this address: try again later' },
    });
    expect(knownSignInRefusal('203.0.113.61')).toBeUndefined();
  });

  it('counts an IPv6 client by its /64, so hopping addresses inside it gains nothing', async () => {
    for (let i = 0; i < SIGN_IN_GATE.burst; i++) {
      expect(await signInGate(from(`2001:db8:5:6::${(i + 1).toString(16)}`))).toBeUndefined();
    }
    expect((await signInGate(from('2001:db8:5:6:ffff::1')))?.status).toBe(429);
    expect(await signInGate(from('2001:db8:5:7::1'))).toBeUndefined();
  });
});

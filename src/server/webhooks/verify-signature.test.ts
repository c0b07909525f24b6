import { describe, expect, it } from 'vitest';
import { signatureProblem, signRequest } from './verify-signature';

const example = {
  timestamp: '1796644800',
  method: 'POST',
  pathAndQuery: '/api/hooks/acme/orders?source=shop',
  body: '{"amount":5}',
};
const rules = { toleranceSeconds: 300, acceptBodyOnly: false, now: 1796644800_000 };

describe('v1 webhook signatures', () => {
  it('match the worked example of the README (openssl and Node agree)', () => {
    expect(signRequest(example, 's3cret')).toEqual({
      'x-miniflow-timestamp': '1796644800',
      'x-miniflow-signature': 'v1=bacd9ce800b4d4d7a561d8d2b76c87026a6ee96f89dc2ddac2dddcd4fdbf354c',
    });
  });

  it('sign the method in upper case and accept the header in any case', () => {
    const headers = signRequest({ ...example, method: 'post' }, 's3cret');
    const presented = {
      signature: headers['x-miniflow-signature']!.toUpperCase().replace('V1=', 'v1='),
      timestamp: headers['x-miniflow-timestamp']!,
    };
    expect(signatureProblem(presented, example, 's3cret', rules)).toBeUndefined();
  });

  it('tell a forged request only that it does not match, whatever its timestamp', () => {
    const headers = signRequest({ ...example, timestamp: '1000' }, 'guess');
    const problem = signatureProblem(
      { signature: headers['x-miniflow-signature']!, timestamp: '1000' },
      example,
      's3cret',
      rules,
    );
    expect(problem).toMatch(/^X-MiniFlow-Signature: does not match the request/);
  });
});

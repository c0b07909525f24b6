import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { webhookStep } from './webhook';

describe('webhook trigger', () => {
  it('applies defaults and outputs the request', async () => {
    const p = webhookStep.params.parse({ path: 'orders/created' });
    expect(p).toEqual({
      path: 'orders/created',
      method: 'POST',
      responseMode: 'onCompletion',
      errorDetails: false,
    });
    const request = { method: 'POST', body: { id: 1 } };
    expect(await webhookStep.execute(p, fakeContext({ input: request }))).toEqual({
      output: request,
    });
    expect(webhookStep.trigger).toBe(true);
  });

  it('rejects bad params', () => {
    for (const bad of [
      {},
      { path: '' },
      { path: '/leading' },
      { path: 'trailing/' },
      { path: 'has space' },
      { path: 'ok', method: 'TRACE' },
      { path: 'ok', responseMode: 'later' },
      { path: 'ok', secret: 'not a name' },
      { path: 'ok', signatureTolerance: 0 },
      { path: 'ok', signatureTolerance: 1.5 },
      { path: 'ok', signatureTolerance: 86_401 },
      { path: 'ok', acceptBodyOnlySignature: 'yes' },
    ]) {
      expect(webhookStep.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(
      webhookStep.params.safeParse({
        path: 'a/b-c',
        responseMode: 'respondStep',
        secret: 'HOOK_KEY',
        signatureTolerance: 600,
        acceptBodyOnlySignature: true,
      }).success,
    ).toBe(true);
  });
});

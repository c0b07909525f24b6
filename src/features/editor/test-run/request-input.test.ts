import { describe, expect, it } from 'vitest';
import { requestInput } from './request-input';

const draft = { method: 'POST', path: 'orders/new', headers: '', body: '' };

describe('requestInput', () => {
  it('builds the input a webhook call gives its workflow', () => {
    expect(
      requestInput({ ...draft, headers: 'X-Source: shop\n\n', body: '{"qty": 2, "price": 80}' }),
    ).toEqual({
      ok: true,
      value: {
        method: 'POST',
        path: 'orders/new',
        headers: { 'x-source': 'shop', 'content-type': 'application/json' },
        query: {},
        body: { qty: 2, price: 80 },
      },
    });
  });

  it('has a null body and no content type when the body is empty', () => {
    expect(requestInput({ ...draft, method: 'GET' })).toMatchObject({
      ok: true,
      value: { method: 'GET', headers: {}, body: null },
    });
  });

  it('names the line of a malformed header and a body that is not JSON', () => {
    expect(requestInput({ ...draft, headers: 'ok: 1\nnot a header' })).toEqual({
      ok: false,
      error: 'Headers line 2: write it as "Name: value"',
    });
    expect(requestInput({ ...draft, body: '{qty' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Body is not valid JSON/),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { curlExample, webhookUrl } from './webhook-address';

describe('webhookUrl', () => {
  it('puts the workspace slug and the path under /api/hooks', () => {
    expect(webhookUrl('http://localhost:3000', 'acme', { path: 'orders/new' })).toBe(
      'http://localhost:3000/api/hooks/acme/orders/new',
    );
  });

  it('has no address while the path is not set', () => {
    expect(webhookUrl('http://x', 'acme', {})).toBeUndefined();
    expect(webhookUrl('http://x', 'acme', { path: '' })).toBeUndefined();
  });
});

describe('curlExample', () => {
  it('sends a JSON body with the webhook method', () => {
    expect(curlExample('http://x/api/hooks/a/o', { method: 'PUT' })).toBe(
      "curl -X PUT 'http://x/api/hooks/a/o' \\\n  -H 'content-type: application/json' \\\n" +
        `  -d '{"hello": "world"}'`,
    );
  });

  it('sends no body for GET, and says a signed webhook needs its timestamp and signature', () => {
    const curl = curlExample('http://x/h', { method: 'GET', secret: 'hook-key' });
    expect(curl).not.toContain('-d ');
    expect(curl).toContain('-H "x-miniflow-timestamp: $(date +%s)"');
    expect(curl).toContain(
      `-H 'x-miniflow-signature: v1=<hex HMAC-SHA256 of "v1:<timestamp>:GET:<path?query>:<body>">'`,
    );
  });

  it("quotes a URL holding a '", () => {
    expect(curlExample("http://x/it's", {})).toContain(`'http://x/it'\\''s'`);
  });
});

import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/auth/[...nextauth]/route';

const url = 'http://localhost:3000/api/auth/callback/credentials';
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the Auth.js routes', () => {
  it('refuse a body over 64 KB before parsing it, declared or streamed', async () => {
    const declared = await POST(
      new NextRequest(url, { method: 'POST', headers: form, body: 'a='.padEnd(70_000, 'x') }),
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error: { message: 'Request body is over the 64 KB limit' },
    });

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024).fill(120));
      },
    });
    const streamed = await POST(
      new NextRequest(url, { method: 'POST', headers: form, body: endless, duplex: 'half' }),
    );
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });
});

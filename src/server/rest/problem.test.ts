import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { problemFrom } from './problem';

describe('problemFrom', () => {
  it('answers 503 with Retry-After while the database is unreachable', async () => {
    const error = new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unreachable; try again shortly',
    });
    const response = problemFrom(error, 'GET /workflows');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      detail: 'The database is unreachable; try again shortly',
    });
  });
});

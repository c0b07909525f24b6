import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatZodError } from './format-zod-error';

describe('formatZodError', () => {
  it('names the field of every problem', () => {
    const schema = z.object({
      name: z.string().min(1, 'must not be empty'),
      tags: z.array(z.string()),
    });
    const result = schema.safeParse({ name: '', tags: [1] });
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toBe(
      'name: must not be empty; tags.0: Invalid input: expected string, received number',
    );
  });

  it('calls a problem with the whole value "input"', () => {
    const result = z.object({}).safeParse(undefined);
    expect(formatZodError(result.error!)).toBe(
      'input: Invalid input: expected object, received undefined',
    );
  });
});

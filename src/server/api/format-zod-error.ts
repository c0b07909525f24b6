import type { ZodError } from 'zod';

/** "name: must not be empty" — each problem names its field ("input" for the whole). */
export function formatZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return `${path || 'input'}: ${issue.message}`;
    })
    .join('; ');
}

import type { ZodError } from 'zod';

/** "name: Too long (at most 100 characters)" — each problem names its field. */
export function formatZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

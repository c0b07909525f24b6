/** Run statuses after which nothing about a run changes any more. */
export const FINAL_RUN_STATUSES: ReadonlySet<string> = new Set([
  'succeeded',
  'failed',
  'cancelled',
]);

export function isFinalRunStatus(status: string): boolean {
  return FINAL_RUN_STATUSES.has(status);
}

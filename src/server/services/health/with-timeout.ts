/** Health checks answer within this, whatever the database does. */
export const HEALTH_TIMEOUT_MS = 2_000;

export function withTimeout<T>(work: Promise<T>, ms = HEALTH_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

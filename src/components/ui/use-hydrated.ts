import { useSyncExternalStore } from 'react';

const noSubscribe = () => () => undefined;

/**
 * False while the server renders and until React has hydrated the page in the browser. A
 * form submitted before then would be sent by the browser itself (a GET that reloads the
 * page and drops what was typed), so its submit button waits for this.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

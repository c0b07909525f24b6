'use client';

import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs`, so relative times ("3 min ago") stay true. */
export function useNow(intervalMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

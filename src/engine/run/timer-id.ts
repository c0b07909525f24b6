/**
 * Timer ids are strings so the runtime can key durable timers by them. Node ids cannot hold
 * ':' (see NODE_ID_PATTERN), which keeps the format unambiguous.
 */
export type TimerRef =
  | { kind: 'stepTimeout'; nodeId: string; attempt: number }
  | { kind: 'delay'; nodeId: string; attempt: number }
  | { kind: 'runTimeout' };

export const RUN_TIMEOUT_TIMER = 'run-timeout';

export function stepTimeoutTimer(nodeId: string, attempt: number): string {
  return `step-timeout:${nodeId}:${attempt}`;
}

export function delayTimer(nodeId: string, attempt: number): string {
  return `delay:${nodeId}:${attempt}`;
}

export function parseTimerId(timerId: string): TimerRef | undefined {
  if (timerId === RUN_TIMEOUT_TIMER) return { kind: 'runTimeout' };
  const [prefix, nodeId, attemptText, ...rest] = timerId.split(':');
  const attempt = Number(attemptText);
  if (rest.length > 0 || !nodeId || !Number.isInteger(attempt)) return undefined;
  if (prefix === 'step-timeout') return { kind: 'stepTimeout', nodeId, attempt };
  if (prefix === 'delay') return { kind: 'delay', nodeId, attempt };
  return undefined;
}

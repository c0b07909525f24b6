import type { StepContext } from './step-type';

/**
 * What a routing step (noop, if, switch) hands on: the one predecessor's output unchanged,
 * so `steps.<routerId>` reads like the data that was routed. Several predecessors are
 * kept keyed by id; none (a router right after nothing) gives null.
 */
export function passThrough(ctx: Pick<StepContext, 'predecessors'>): unknown {
  const values = Object.values(ctx.predecessors);
  if (values.length === 0) return null;
  if (values.length === 1) return values[0];
  return ctx.predecessors;
}

import type { StepRegistry, StepResult, StepType } from '@/engine';
import { metrics } from './metrics';

function outcomeOf(result: StepResult): string {
  return 'suspend' in result ? 'suspended' : 'succeeded';
}

function timed(type: StepType, now: () => number): StepType {
  return {
    ...type,
    async execute(params, ctx) {
      const started = now();
      const observe = (outcome: string) =>
        metrics().stepDuration.observe({ type: type.id, outcome }, (now() - started) / 1000);
      try {
        const result = await type.execute(params, ctx);
        observe(outcomeOf(result));
        return result;
      } catch (error) {
        observe('failed');
        throw error;
      }
    },
  };
}

/**
 * The registry with every step's execution timed into `miniflow_step_duration_seconds`:
 * one place sees steps run inline by the web process and steps run by workers alike.
 */
export function timedRegistry(registry: StepRegistry, now = () => performance.now()): StepRegistry {
  const types = new Map(registry.list().map((type) => [type.id, timed(type, now)]));
  return {
    get: (id) => types.get(id),
    list: () => [...types.values()],
  };
}

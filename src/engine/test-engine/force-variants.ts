import type { FlagEvaluation, FlagSet } from '../flags/evaluate-flag';
import type { Flags } from '../ports';
import { passThrough } from '../steps/pass-through';
import { splitStep } from '../steps/split';
import { StepError, type StepRegistry, type StepType } from '../steps/step-type';
import type { ForcedFlags } from './test-file.schema';

/**
 * The flags a test case sees: forced ones serve the forced variant; others are evaluated
 * from `defined` (the workspace's flags, where the runner has them) or fail, naming the
 * flag, so a case never depends on a flag it does not mention.
 */
export function forcedFlags(forced: ForcedFlags, defined?: FlagSet): Flags {
  return {
    async evaluate(key, context): Promise<FlagEvaluation> {
      const force = Object.hasOwn(forced, key) ? forced[key] : undefined;
      if (force === undefined) {
        if (defined?.has(key)) return defined.evaluate(key, context);
        return failed(
          key,
          `Flag "${key}" is not forced in this test case (add "flags": { "${key}": "<variant>" })`,
        );
      }
      if (typeof force !== 'string')
        return { key, value: force.value, variant: force.variant, reason: 'STATIC' };
      const flag = defined?.get(key);
      if (!flag) {
        return failed(
          key,
          `Flag "${key}" is not defined here: force it with { "variant": "${force}", "value": … }`,
        );
      }
      if (!Object.hasOwn(flag.variants, force)) {
        return failed(key, `Flag "${key}" has no variant "${force}"`);
      }
      return { key, value: flag.variants[force], variant: force, reason: 'STATIC' };
    },
  };
}

function failed(key: string, errorMessage: string): FlagEvaluation {
  return { key, value: undefined, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND', errorMessage };
}

/** `registry` with split steps taking the port the case forces for them. */
export function forceSplits(
  registry: StepRegistry,
  forced: Readonly<Record<string, string>>,
): StepRegistry {
  const split: StepType = {
    ...splitStep,
    async execute(params, ctx) {
      const variant = Object.hasOwn(forced, ctx.nodeId) ? forced[ctx.nodeId] : undefined;
      if (variant === undefined) return splitStep.execute(params as never, ctx);
      const ports = splitStep.ports(params as never);
      if (!ports.includes(variant)) {
        throw new StepError(
          `split.${ctx.nodeId}: "${variant}" is not one of its variants (${ports.join(', ')})`,
          {
            retryable: false,
          },
        );
      }
      return { output: passThrough(ctx), port: variant };
    },
  };
  return {
    get: (id) => (id === split.id ? split : registry.get(id)),
    list: () => registry.list().map((t) => (t.id === split.id ? split : t)),
  };
}

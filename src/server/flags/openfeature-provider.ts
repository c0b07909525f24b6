import {
  ErrorCode,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import type { FlagEvaluation } from '@/engine';
import type { FlagCache } from './flag-cache';

type Kind = 'boolean' | 'string' | 'number' | 'object';

/**
 * An OpenFeature provider over one workspace's flags in the process's flag cache, so
 * MiniFlow's own server code reads flags with the standard SDK:
 * `OpenFeature.setProvider(new MiniFlowProvider(flagCache(), workspaceId))`.
 */
export class MiniFlowProvider implements Provider {
  readonly metadata = { name: 'MiniFlow' } as const;
  readonly runsOn = 'server' as const;

  constructor(
    private readonly cache: FlagCache,
    private readonly workspaceId: string,
  ) {}

  resolveBooleanEvaluation(key: string, fallback: boolean, context: EvaluationContext) {
    return this.resolve(key, fallback, context, 'boolean');
  }

  resolveStringEvaluation(key: string, fallback: string, context: EvaluationContext) {
    return this.resolve(key, fallback, context, 'string');
  }

  resolveNumberEvaluation(key: string, fallback: number, context: EvaluationContext) {
    return this.resolve(key, fallback, context, 'number');
  }

  resolveObjectEvaluation<T extends JsonValue>(
    key: string,
    fallback: T,
    context: EvaluationContext,
  ) {
    return this.resolve(key, fallback, context, 'object');
  }

  private async resolve<T>(
    key: string,
    fallback: T,
    context: EvaluationContext,
    kind: Kind,
  ): Promise<ResolutionDetails<T>> {
    const { set } = await this.cache.forWorkspace(this.workspaceId);
    const evaluation: FlagEvaluation = set.evaluate(key, context);
    if (evaluation.reason === 'ERROR') {
      return {
        value: fallback,
        reason: 'ERROR',
        errorCode: ErrorCode.FLAG_NOT_FOUND,
        errorMessage: evaluation.errorMessage,
      };
    }
    const actual = evaluation.value === null ? 'null' : typeof evaluation.value;
    if (actual !== kind) {
      return {
        value: fallback,
        reason: 'ERROR',
        errorCode: ErrorCode.TYPE_MISMATCH,
        errorMessage: `Flag "${key}" serves a ${actual}, not a ${kind}`,
      };
    }
    return {
      value: evaluation.value as T,
      reason: evaluation.reason,
      ...(evaluation.variant === undefined ? {} : { variant: evaluation.variant }),
    };
  }
}

import { z } from 'zod';
import { codeStep } from './code';
import { cronStep } from './cron';
import { databaseStep } from './database';
import { delayStep } from './delay';
import { failStep } from './fail';
import { forEachStep } from './for-each';
import { httpStep } from './http';
import { ifStep } from './if';
import { logStep } from './log';
import { manualStep } from './manual';
import { mergeStep } from './merge';
import { noopStep } from './noop';
import { respondStep } from './respond';
import { setStep } from './set';
import { splitStep } from './split';
import type { ParamKind, StepCategory, StepRegistry, StepType } from './step-type';
import { subWorkflowStep } from './sub-workflow';
import { switchStep } from './switch';
import { transformStep } from './transform';
import { webhookStep } from './webhook';

export function createRegistry(types: readonly StepType[]): StepRegistry {
  const byId = new Map<string, StepType>();
  for (const type of types) {
    if (byId.has(type.id)) throw new Error(`Duplicate step type id "${type.id}"`);
    byId.set(type.id, type);
  }
  const list = [...byId.values()];
  return {
    get: (id) => byId.get(id),
    list: () => [...list],
  };
}

export const builtinStepTypes: readonly StepType[] = [
  manualStep,
  webhookStep,
  cronStep,
  httpStep,
  databaseStep,
  codeStep,
  transformStep,
  setStep,
  ifStep,
  switchStep,
  splitStep,
  mergeStep,
  forEachStep,
  delayStep,
  subWorkflowStep,
  respondStep,
  logStep,
  failStep,
  noopStep,
];

export const defaultRegistry: StepRegistry = createRegistry(builtinStepTypes);

/** What the designer needs to draw a palette entry and generate a config form. */
export interface StepTypeDescription {
  id: string;
  version: number;
  displayName: string;
  category: StepCategory;
  description: string;
  trigger: boolean;
  inline: boolean;
  paramKinds: Partial<Record<string, ParamKind>>;
  /** JSON Schema (draft 2020-12) of the params as typed in, so fields with defaults are optional. */
  paramsSchema: Record<string, unknown>;
  /** Params of a freshly dropped node, when the type has defaults for every field. */
  defaultParams?: unknown;
  /** Ports of a freshly dropped node; they may change with params (switch). */
  defaultPorts?: string[];
}

export function describeStepType(type: StepType): StepTypeDescription {
  const defaults = type.params.safeParse({});
  return {
    id: type.id,
    version: type.version,
    displayName: type.displayName,
    category: type.category,
    description: type.description,
    trigger: type.trigger === true,
    inline: type.inline === true,
    paramKinds: { ...type.paramKinds },
    paramsSchema: z.toJSONSchema(type.params, {
      io: 'input',
      unrepresentable: 'any',
    }),
    ...(defaults.success
      ? {
          defaultParams: defaults.data,
          defaultPorts: type.ports(defaults.data),
        }
      : {}),
  };
}

export function describeStepTypes(registry: StepRegistry): StepTypeDescription[] {
  return registry.list().map(describeStepType);
}

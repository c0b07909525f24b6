import type { ParamKind } from '@/engine';

/** What the config form draws for one top-level param. */
export type FieldDescriptor = {
  key: string;
  label: string;
  description?: string;
  required: boolean;
  defaultValue?: unknown;
} & (
  | { kind: 'text' }
  /** Several lines of text taken as written (SQL): no templates. */
  | { kind: 'multiline' }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  /** `choices`: plain words and a one-line explanation per option, where the schema has them. */
  | { kind: 'select'; options: string[]; choices?: Record<string, Choice> }
  /**
   * `record`: `{ [key]: value }`, values strings or (`anyValue`) any JSON;
   * `pairs`: `[{ key, value }]`.
   */
  | { kind: 'keyValue'; shape: 'record' | 'pairs'; anyValue?: boolean }
  | { kind: 'json' }
  | { kind: 'code'; language: 'javascript' }
  /** `template`: text with `{{ expr }}` parts; otherwise the whole value is JSONata. */
  | { kind: 'expression'; template: boolean }
);

export interface Choice {
  label: string;
  hint?: string;
}

type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Maps a step type's params JSON Schema (as `describeStepType` produces it) to form fields,
 * in the schema's property order. Anything the form has no dedicated editor for (objects,
 * arrays, unions) becomes a JSON field, so every param stays editable.
 */
export function schemaToFields(
  schema: JsonSchema,
  paramKinds: Partial<Record<string, ParamKind>> = {},
): FieldDescriptor[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [],
  );
  return Object.entries(properties).map(([key, prop]) => {
    const property = isObject(prop) ? prop : {};
    const base = {
      key,
      label: typeof property.title === 'string' ? property.title : humanize(key),
      required: required.has(key),
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
      ...('default' in property ? { defaultValue: property.default } : {}),
    };
    return { ...base, ...fieldKind(property, paramKinds[key]) };
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type KindPart = DistributiveOmit<
  FieldDescriptor,
  'key' | 'label' | 'required' | 'description' | 'defaultValue'
>;

function readChoices(value: unknown): Record<string, Choice> | undefined {
  if (!isObject(value)) return undefined;
  const choices: Record<string, Choice> = {};
  for (const [option, choice] of Object.entries(value)) {
    if (!isObject(choice) || typeof choice.label !== 'string') continue;
    choices[option] = {
      label: choice.label,
      ...(typeof choice.hint === 'string' ? { hint: choice.hint } : {}),
    };
  }
  return choices;
}

function fieldKind(property: JsonSchema, paramKind: ParamKind | undefined): KindPart {
  const metaKind = property.kind;
  if (paramKind === 'sql') return { kind: 'multiline' };
  if (paramKind === 'code' || metaKind === 'code') return { kind: 'code', language: 'javascript' };
  if (paramKind === 'expression' || metaKind === 'expression') {
    return { kind: 'expression', template: false };
  }
  if (metaKind === 'json') return { kind: 'json' };
  if (Array.isArray(property.enum) && property.enum.every((v) => typeof v === 'string')) {
    const choices = readChoices(property.choices);
    return { kind: 'select', options: property.enum, ...(choices ? { choices } : {}) };
  }
  switch (property.type) {
    case 'string':
      return acceptsTemplates(property) ? { kind: 'expression', template: true } : { kind: 'text' };
    case 'integer':
    case 'number':
      return {
        kind: 'number',
        integer: property.type === 'integer',
        ...(typeof property.minimum === 'number' ? { min: property.minimum } : {}),
        ...(typeof property.maximum === 'number' ? { max: property.maximum } : {}),
      };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      if (isObject(property.properties)) return { kind: 'json' };
      if (isStringSchema(property.additionalProperties))
        return { kind: 'keyValue', shape: 'record' };
      // A record of anything (Set Fields): rows of text, which may be templates.
      return isAnySchema(property.additionalProperties)
        ? { kind: 'keyValue', shape: 'record', anyValue: true }
        : { kind: 'json' };
    case 'array':
      return isKeyValuePair(property.items)
        ? { kind: 'keyValue', shape: 'pairs' }
        : { kind: 'json' };
    default:
      return { kind: 'json' };
  }
}

// Every plain string param is template-resolved by the engine, but only those whose
// description invites templates get the expression editor: a path or a secret name
// reads better in a plain input.
function acceptsTemplates(property: JsonSchema): boolean {
  if (typeof property.pattern === 'string') return false;
  const description = typeof property.description === 'string' ? property.description : '';
  return /templates?\b|\{\{/i.test(description);
}

function isStringSchema(value: unknown): boolean {
  return isObject(value) && value.type === 'string' && !Array.isArray(value.enum);
}

function isAnySchema(value: unknown): boolean {
  return value === true || (isObject(value) && Object.keys(value).length === 0);
}

function isKeyValuePair(items: unknown): boolean {
  if (!isObject(items) || items.type !== 'object' || !isObject(items.properties)) return false;
  const keys = Object.keys(items.properties).sort();
  return (
    keys.length === 2 &&
    keys[0] === 'key' &&
    keys[1] === 'value' &&
    isStringSchema(items.properties.key) &&
    isStringSchema(items.properties.value)
  );
}

/** `timeoutMs` → "Timeout ms": a fallback for params without a title. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

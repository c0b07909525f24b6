import { describe, expect, it } from 'vitest';
import { defaultRegistry, describeStepType } from '@/engine';
import { humanize, schemaToFields } from './schema-to-fields';

function fieldsOf(typeId: string) {
  const description = describeStepType(defaultRegistry.get(typeId)!);
  return schemaToFields(description.paramsSchema, description.paramKinds);
}

const byKey = (typeId: string) => new Map(fieldsOf(typeId).map((f) => [f.key, f]));

describe('schemaToFields', () => {
  it('maps every HTTP request param to its editor, in schema order', () => {
    const fields = fieldsOf('http');
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['method', 'select'],
      ['url', 'expression'],
      ['headers', 'keyValue'],
      ['credential', 'text'],
      ['query', 'keyValue'],
      ['body', 'json'],
      ['timeoutMs', 'number'],
      ['allowStatuses', 'json'],
    ]);
    const http = byKey('http');
    expect(http.get('method')).toMatchObject({
      label: 'Method',
      required: false,
      defaultValue: 'GET',
      options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    });
    expect(http.get('url')).toMatchObject({ label: 'URL', required: true, template: true });
    expect(http.get('headers')).toMatchObject({ shape: 'record', defaultValue: {} });
    expect(http.get('timeoutMs')).toMatchObject({ integer: true, min: 1, max: 300000 });
  });

  it('names the webhook response modes in plain words, each with a one-line explanation', () => {
    const mode = byKey('webhook').get('responseMode');
    expect(mode).toMatchObject({
      kind: 'select',
      options: ['onCompletion', 'immediate', 'respondStep'],
      choices: {
        onCompletion: { label: 'When the run ends' },
        immediate: { label: 'At once (202)' },
        respondStep: { label: 'At the Respond step' },
      },
    });
    const choices = mode?.kind === 'select' ? Object.values(mode.choices ?? {}) : [];
    for (const choice of choices) expect(choice.hint).toMatch(/^[^\n]{10,100}$/);
  });

  it('gives code params the JavaScript editor and expression params the JSONata one', () => {
    expect(byKey('code').get('code')).toMatchObject({ kind: 'code', language: 'javascript' });
    expect(byKey('if').get('condition')).toMatchObject({ kind: 'expression', template: false });
    expect(byKey('transform').get('expression')).toMatchObject({
      kind: 'expression',
      template: false,
    });
    expect(byKey('forEach').get('items')).toMatchObject({ kind: 'expression', template: false });
  });

  it('keeps plain strings plain: patterns, ids and names get a text input', () => {
    const webhook = byKey('webhook');
    expect(webhook.get('path')?.kind).toBe('text');
    expect(webhook.get('secret')?.kind).toBe('text');
    expect(byKey('subWorkflow').get('workflowId')?.kind).toBe('text');
    expect(byKey('cron').get('timezone')?.kind).toBe('text');
  });

  it('maps booleans, enums, records of anything to rows, and other objects or arrays to JSON', () => {
    expect(byKey('subWorkflow').get('wait')).toMatchObject({ kind: 'boolean', defaultValue: true });
    expect(byKey('merge').get('mode')).toMatchObject({ kind: 'select', options: ['all', 'first'] });
    expect(byKey('set').get('values')).toMatchObject({
      kind: 'keyValue',
      shape: 'record',
      anyValue: true,
      label: 'Fields',
    });
    expect(byKey('switch').get('cases')?.kind).toBe('json');
    expect(byKey('respond').get('headers')).toMatchObject({ kind: 'keyValue', shape: 'record' });
  });

  it('returns no fields for a type without params', () => {
    expect(fieldsOf('manual')).toEqual([]);
    expect(schemaToFields({})).toEqual([]);
  });

  it('reads hand-written schemas: arrays of key/value pairs, numbers, unions, missing titles', () => {
    const fields = schemaToFields(
      {
        type: 'object',
        properties: {
          pairs: {
            type: 'array',
            items: {
              type: 'object',
              properties: { key: { type: 'string' }, value: { type: 'string' } },
            },
          },
          ratio: { type: 'number', minimum: 0 },
          either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
          mixed: { type: 'object', additionalProperties: { type: 'number' } },
          shaped: { type: 'object', properties: { a: { type: 'string' } } },
          retryCount: { type: 'integer' },
          note: { type: 'string', description: 'Free text.' },
        },
        required: ['ratio'],
      },
      {},
    );
    expect(fields).toEqual([
      { key: 'pairs', label: 'Pairs', required: false, kind: 'keyValue', shape: 'pairs' },
      { key: 'ratio', label: 'Ratio', required: true, kind: 'number', integer: false, min: 0 },
      { key: 'either', label: 'Either', required: false, kind: 'json' },
      { key: 'mixed', label: 'Mixed', required: false, kind: 'json' },
      { key: 'shaped', label: 'Shaped', required: false, kind: 'json' },
      { key: 'retryCount', label: 'Retry count', required: false, kind: 'number', integer: true },
      {
        key: 'note',
        label: 'Note',
        required: false,
        description: 'Free text.',
        kind: 'text',
      },
    ]);
  });

  it('lets paramKinds override the schema type', () => {
    const fields = schemaToFields(
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } },
      { a: 'code', b: 'expression' },
    );
    expect(fields.map((f) => f.kind)).toEqual(['code', 'expression']);
  });
});

describe('humanize', () => {
  it('turns param keys into labels', () => {
    expect(humanize('timeoutMs')).toBe('Timeout ms');
    expect(humanize('snake_case_key')).toBe('Snake case key');
  });
});

describe('schemaToFields for SQL', () => {
  it('draws an sql param as several lines of text taken as written', () => {
    const fields = schemaToFields(
      { type: 'object', properties: { sql: { type: 'string', title: 'SQL' } }, required: ['sql'] },
      { sql: 'sql' },
    );
    expect(fields).toEqual([{ key: 'sql', label: 'SQL', required: true, kind: 'multiline' }]);
  });
});

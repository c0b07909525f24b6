import { describe, expect, it } from 'vitest';
import { manualStep } from './manual';
import { builtinStepTypes, createRegistry, defaultRegistry, describeStepTypes } from './registry';

const expected: Record<string, string> = {
  manual: 'Manual Trigger',
  webhook: 'Webhook Trigger',
  cron: 'Cron Trigger',
  http: 'HTTP Request',
  database: 'Database Query',
  code: 'Code',
  transform: 'Transform',
  set: 'Set Fields',
  if: 'If',
  switch: 'Switch',
  split: 'A/B Split',
  merge: 'Merge',
  forEach: 'For Each',
  delay: 'Delay',
  subWorkflow: 'Sub-workflow',
  respond: 'Respond to Webhook',
  log: 'Log',
  fail: 'Fail',
  noop: 'No Operation',
};

describe('registry', () => {
  it('holds every built-in step type under its id and display name', () => {
    const names = Object.fromEntries(defaultRegistry.list().map((t) => [t.id, t.displayName]));
    expect(names).toEqual(expected);
    expect(defaultRegistry.get('http')?.displayName).toBe('HTTP Request');
    expect(defaultRegistry.get('nope')).toBeUndefined();
    const triggers = defaultRegistry
      .list()
      .filter((t) => t.trigger)
      .map((t) => t.id);
    expect(triggers).toEqual(['manual', 'webhook', 'cron']);
  });

  it('refuses duplicate ids', () => {
    expect(() => createRegistry([manualStep, manualStep])).toThrow(
      /Duplicate step type id "manual"/,
    );
    expect(createRegistry(builtinStepTypes).list()).toHaveLength(19);
  });

  it('describes every type for the designer as JSON', () => {
    const described = describeStepTypes(defaultRegistry);
    expect(described).toHaveLength(19);
    // Must survive a JSON round trip: it is sent to the browser.
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
    const http = described.find((d) => d.id === 'http');
    expect(http?.paramsSchema).toMatchObject({
      type: 'object',
      required: ['url'],
      properties: {
        method: { type: 'string', default: 'GET', title: 'Method' },
        timeoutMs: { type: 'integer', default: 30000 },
        allowStatuses: { type: 'array', items: { type: 'integer' } },
      },
    });
    expect(http?.defaultParams).toBeUndefined();
    const transform = described.find((d) => d.id === 'transform');
    expect(transform?.paramKinds).toEqual({ expression: 'expression' });
    expect(transform?.paramsSchema).toMatchObject({
      properties: { expression: { kind: 'expression', title: 'Expression' } },
    });
    const sw = described.find((d) => d.id === 'switch');
    expect(sw).toMatchObject({
      defaultParams: { cases: [] },
      defaultPorts: ['default'],
      inline: true,
    });
    for (const d of described) {
      expect(d.paramsSchema.type, d.id).toBe('object');
      expect(typeof d.description, d.id).toBe('string');
    }
  });
});

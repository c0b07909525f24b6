import { describe, expect, it } from 'vitest';
import { parseWorkflow } from './parse';
import { formatPath } from './path';

const valid = {
  schemaVersion: 1,
  name: 'hello',
  nodes: [
    { id: 'start', type: 'trigger', params: {}, position: { x: 0, y: 0 } },
    {
      id: 'call_api',
      type: 'http',
      name: 'Call API',
      params: { url: 'https://x.test' },
      retry: { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 100, maxDelayMs: 1000 },
      timeoutMs: 5000,
      onError: 'errorPort',
    },
  ],
  edges: [
    { from: 'start', to: 'call_api' },
    { from: 'call_api', to: 'start', fromPort: 'error' },
  ],
  vars: { env: 'prod' },
};

describe('parseWorkflow', () => {
  it('reads JSON', () => {
    const result = parseWorkflow(JSON.stringify(valid));
    expect(result).toEqual({ ok: true, workflow: valid });
  });

  it('reads YAML', () => {
    const yaml = `
schemaVersion: 1
name: hello
nodes:
  - id: start
    type: trigger
    params: {}
  - id: greet
    type: set
    params:
      value: "Hello {{ input.name }}"
edges:
  - { from: start, to: greet }
`;
    const result = parseWorkflow(yaml);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.workflow.nodes[1]?.params).toEqual({ value: 'Hello {{ input.name }}' });
  });

  it('reports every schema problem with its path', () => {
    const bad = {
      ...valid,
      schemaVersion: 2,
      nodes: [
        { id: '1bad', type: 'x', params: {} },
        {
          id: 'ok',
          type: '',
          params: {},
          retry: { maxAttempts: 0, backoff: 'linear', initialDelayMs: 1 },
        },
        { id: 'z', type: 't', params: {}, onError: 'ignore', colour: 'red' },
      ],
      edges: [{ from: 'a' }],
    };
    const result = parseWorkflow(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'schemaVersion',
        'nodes[0].id',
        'nodes[1].type',
        'nodes[1].retry.maxAttempts',
        'nodes[1].retry.backoff',
        'nodes[2].onError',
        'nodes[2]',
        'edges[0].to',
      ]),
    );
  });

  it('reports syntax errors with a position', () => {
    const json = parseWorkflow('{ "name": ', 'json');
    expect(json).toMatchObject({
      ok: false,
      errors: [{ path: '', message: expect.stringMatching(/Invalid JSON/) }],
    });
    const yaml = parseWorkflow('name: [unclosed\nnodes: 1');
    expect(yaml).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message:
            'Invalid YAML (line 2, column 1): Flow sequence in block collection must be ' +
            'sufficiently indented and end with a ]',
        },
      ],
    });
  });

  it('refuses YAML alias bombs', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      bomb.push(
        `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    expect(() => parseWorkflow(bomb.join('\n'))).not.toThrow();
    expect(parseWorkflow(bomb.join('\n')).ok).toBe(false);
  });
});

describe('formatPath', () => {
  it('renders dots and brackets', () => {
    expect(formatPath(['nodes', 3, 'params', 'url'])).toBe('nodes[3].params.url');
    expect(formatPath(['headers', 'Content-Type'])).toBe('headers["Content-Type"]');
    expect(formatPath([])).toBe('');
  });
});

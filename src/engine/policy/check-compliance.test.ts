import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../definition/workflow.schema';
import { checkCompliance } from './check-compliance';
import { compliancePolicySchema } from './compliance-policy';
import { hostAllowed } from './host-pattern';

const workflow = (nodes: WorkflowDefinition['nodes']): WorkflowDefinition => ({
  schemaVersion: 1,
  name: 'w',
  nodes,
  edges: [],
});

const http = (id: string, url: string, extra: Partial<WorkflowDefinition['nodes'][0]> = {}) => ({
  id,
  type: 'http',
  params: { url },
  ...extra,
});

describe('host patterns', () => {
  it('match a name, any subdomain of a domain, or everything', () => {
    expect(hostAllowed('api.example.com', ['api.example.com'])).toBe(true);
    expect(hostAllowed('API.Example.com.', ['api.example.com'])).toBe(true);
    expect(hostAllowed('a.b.example.com', ['*.example.com'])).toBe(true);
    expect(hostAllowed('example.com', ['*.example.com'])).toBe(false);
    expect(hostAllowed('evilexample.com', ['*.example.com'])).toBe(false);
    expect(hostAllowed('anything.test', ['*'])).toBe(true);
    expect(hostAllowed('other.com', [])).toBe(false);
  });

  it('are validated with the field and the problem', () => {
    const parsed = compliancePolicySchema.safeParse({ allowedHttpHosts: ['ok.com', 'bad host'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['allowedHttpHosts', 1]);
  });
});

describe('compliance checks', () => {
  it('name the step calling a host outside the allowed ones', () => {
    const violations = checkCompliance(
      workflow([http('ok', 'https://api.example.com/x'), http('out', 'https://evil.test/y')]),
      { allowedHttpHosts: ['*.example.com'] },
    );
    expect(violations).toEqual([
      expect.objectContaining({
        rule: 'allowedHttpHosts',
        nodeId: 'out',
        path: 'nodes[1].params.url',
        message: expect.stringContaining('evil.test'),
      }),
    ]);
  });

  it('leave hosts computed by expressions to the run-time check', () => {
    const def = workflow([http('dyn', '{{ vars.base }}/x'), http('dyn2', 'https://{{ $.h }}/x')]);
    expect(checkCompliance(def, { allowedHttpHosts: [] })).toEqual([]);
  });

  it('refuse forbidden step types, HTTP steps without timeout and retry, no error handling', () => {
    const def = workflow([
      { id: 'c', type: 'code', params: { code: 'return 1' } },
      http('h', 'https://x.test'),
      http('h2', 'https://x.test', {
        timeoutMs: 1000,
        retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 10 },
      }),
    ]);
    const policy = { forbiddenStepTypes: ['code'], httpTimeoutAndRetry: true, errorHandling: true };
    expect(checkCompliance(def, policy).map((v) => [v.rule, v.nodeId])).toEqual([
      ['forbiddenStepTypes', 'c'],
      ['httpTimeoutAndRetry', 'h'],
      ['errorHandling', undefined],
    ]);
    const handled = workflow([{ ...http('h', 'https://x.test'), onError: 'continue' }]);
    expect(checkCompliance(handled, { errorHandling: true })).toEqual([]);
  });

  it('skip the rules a workflow has an exception for', () => {
    const def = workflow([http('out', 'https://evil.test/y')]);
    expect(checkCompliance(def, { allowedHttpHosts: ['a.test'] }, ['allowedHttpHosts'])).toEqual(
      [],
    );
  });
});

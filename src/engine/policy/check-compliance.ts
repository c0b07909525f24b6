import type { WorkflowDefinition } from '../definition/workflow.schema';
import type { CompliancePolicy, PolicyRule, PolicyViolation } from './compliance-policy';
import { hostAllowed } from './host-pattern';

/**
 * The policy's violations by a workflow definition, as the designer shows them while it is
 * edited and as publishing refuses them. Rules listed in `exempt` (exceptions granted to
 * this workflow) are not checked. Test coverage needs the tests to run: it is checked at
 * publish time by the test gate. An HTTP URL whose host is computed by an expression cannot
 * be checked here; the run-time check refuses it if it leads outside the allowed hosts.
 */
export function checkCompliance(
  definition: WorkflowDefinition,
  policy: CompliancePolicy,
  exempt: readonly PolicyRule[] = [],
): PolicyViolation[] {
  const applies = (rule: PolicyRule) => !exempt.includes(rule);
  const violations: PolicyViolation[] = [];
  const forbidden = applies('forbiddenStepTypes') ? (policy.forbiddenStepTypes ?? []) : [];
  for (const [index, node] of definition.nodes.entries()) {
    const at = `nodes[${index}]`;
    if (forbidden.includes(node.type)) {
      violations.push({
        rule: 'forbiddenStepTypes',
        nodeId: node.id,
        path: `${at}.type`,
        message: `step "${node.id}" uses the ${node.type} step type, which this workspace does not allow`,
      });
    }
    if (node.type !== 'http') continue;
    const hosts = policy.allowedHttpHosts;
    if (hosts && applies('allowedHttpHosts')) {
      const host = literalHost(node.params.url);
      if (host !== undefined && !hostAllowed(host, hosts)) {
        violations.push({
          rule: 'allowedHttpHosts',
          nodeId: node.id,
          path: `${at}.params.url`,
          message: `step "${node.id}" calls ${host}, which is not an allowed HTTP host (allowed: ${hosts.join(', ') || 'none'})`,
        });
      }
    }
    if (policy.httpTimeoutAndRetry && applies('httpTimeoutAndRetry')) {
      const missing = [
        node.params.timeoutMs === undefined && node.timeoutMs === undefined ? 'a timeout' : '',
        node.retry ? '' : 'a retry policy',
      ].filter(Boolean);
      if (missing.length > 0) {
        violations.push({
          rule: 'httpTimeoutAndRetry',
          nodeId: node.id,
          path: at,
          message: `HTTP step "${node.id}" needs ${missing.join(' and ')}`,
        });
      }
    }
  }
  if (policy.errorHandling && applies('errorHandling')) {
    const handles = definition.nodes.some(
      (n) => n.onError === 'errorPort' || n.onError === 'continue',
    );
    if (!handles) {
      violations.push({
        rule: 'errorHandling',
        path: 'nodes',
        message:
          'the workflow needs error handling: an error path or "continue on error" on some step',
      });
    }
  }
  return violations;
}

/** The host of a URL written out literally; undefined when an expression computes it. */
function literalHost(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const origin = /^\s*(https?:\/\/[^/?#]*)/i.exec(url)?.[1];
  if (!origin || origin.includes('{{')) return undefined;
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

import { z } from 'zod';

/** `api.example.com`, `*.example.com` (any subdomain) or `*` (any host). */
export const hostPatternSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*|(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/,
    'use a host name, "*.domain" or "*"',
  );

/**
 * A workspace's compliance policy: what its published workflows may do. Every rule is
 * optional; an absent rule allows anything. Stored as JSON on the workspace.
 */
export const compliancePolicySchema = z.strictObject({
  /** Hosts HTTP steps may call; absent: any (the SSRF guard still applies). */
  allowedHttpHosts: z.array(hostPatternSchema).max(200).optional(),
  /** Hosts database steps may connect to; absent: any. */
  allowedDatabaseHosts: z.array(hostPatternSchema).max(200).optional(),
  /** Step types no workflow may use, e.g. `code`. */
  forbiddenStepTypes: z.array(z.string().min(1).max(100)).max(100).optional(),
  /** Every HTTP step sets its timeout and a retry policy. */
  httpTimeoutAndRetry: z.boolean().optional(),
  /** Every workflow handles errors: some step continues on error or has an error path. */
  errorHandling: z.boolean().optional(),
  /** Tests must pass, covering at least this share of the steps (percent). */
  minTestCoverage: z.number().int().min(0).max(100).optional(),
});

export type CompliancePolicy = z.infer<typeof compliancePolicySchema>;

export const POLICY_RULES = [
  'allowedHttpHosts',
  'allowedDatabaseHosts',
  'forbiddenStepTypes',
  'httpTimeoutAndRetry',
  'errorHandling',
  'minTestCoverage',
] as const satisfies readonly (keyof CompliancePolicy)[];

export type PolicyRule = (typeof POLICY_RULES)[number];

export const policyRuleSchema = z.enum(POLICY_RULES);

/** One broken rule: which step (when it is about one) and why. */
export interface PolicyViolation {
  rule: PolicyRule;
  nodeId?: string;
  /** Where in the saved format, e.g. `nodes[2].params.url`. */
  path: string;
  message: string;
}

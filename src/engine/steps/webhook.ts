import { z } from 'zod';
import type { StepType } from './step-type';

const params = z
  .object({
    path: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._~-]*(\/[A-Za-z0-9._~-]+)*$/,
        'Use letters, digits, ".", "_", "~", "-" and "/" (no leading or trailing "/")',
      )
      .max(200)
      .describe('URL path under /api/hooks/ that starts the workflow, e.g. "orders/created".')
      .meta({ title: 'Path' }),
    method: z
      .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      .default('POST')
      .describe('HTTP method the webhook accepts.')
      .meta({ title: 'Method' }),
    responseMode: z
      .enum(['onCompletion', 'immediate', 'respondStep'])
      .default('onCompletion')
      .describe('Choose when the webhook answers its caller.')
      .meta({
        title: 'Response mode',
        choices: {
          onCompletion: {
            label: 'When the run ends',
            hint: 'Answers with the Respond step, or the run output, once the run has finished.',
          },
          immediate: {
            label: 'At once (202)',
            hint: 'Answers 202 with the run id right away; the run goes on without the caller.',
          },
          respondStep: {
            label: 'At the Respond step',
            hint: 'Answers as soon as a Respond to Webhook step has run, before the run ends.',
          },
        },
      }),
    errorDetails: z
      .boolean()
      .default(false)
      .describe(
        'Answer a failed run with its error message; off, callers get a generic message and ' +
          'the run id (error messages may reveal how the workflow works).',
      )
      .meta({ title: 'Show error messages to callers' }),
    secret: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'Secret names use letters, digits, "_", "." and "-"')
      .optional()
      .describe(
        'Name of a workspace secret; when set, callers must sign each request with it: ' +
          'X-MiniFlow-Timestamp: <Unix seconds> and X-MiniFlow-Signature: v1=<hex ' +
          'HMAC-SHA256 of "v1:<timestamp>:<METHOD>:<path?query>:<body>">.',
      )
      .meta({ title: 'Signing secret' }),
    signatureTolerance: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .optional()
      .describe(
        "Seconds a signed request's timestamp may differ from the server's clock, either way; " +
          'an older request is refused as a replay. Unset: 300 (5 minutes).',
      )
      .meta({ title: 'Signature tolerance (seconds)' }),
    acceptBodyOnlySignature: z
      .boolean()
      .optional()
      .describe(
        'Also accept the former signature of the body alone (sha256=<hex>), which a captured ' +
          'request can be replayed with forever: only while senders move to v1.',
      )
      .meta({ title: 'Accept body-only signatures (replayable)' }),
    rateLimit: z
      .object({
        perSecond: z.number().positive().max(100_000),
        burst: z.number().int().min(1).max(100_000),
      })
      .strict()
      .optional()
      .describe(
        'Most requests this webhook accepts: "burst" at once, then "perSecond"; more are ' +
          'answered 429. Unset: the workspace default, if any.',
      )
      .meta({ title: 'Rate limit' }),
  })
  .meta({ title: 'Webhook Trigger' });

/**
 * The HTTP endpoint, signature check and response are the server's; by the time the run
 * exists, its input is the request ({ method, path, headers, query, body }).
 */
export const webhookStep: StepType<typeof params> = {
  id: 'webhook',
  version: 1,
  displayName: 'Webhook Trigger',
  category: 'trigger',
  inline: true,
  description: 'Starts the workflow when an HTTP request arrives at its URL.',
  params,
  ports: () => ['out'],
  trigger: true,
  async execute(_params, ctx) {
    return { output: ctx.input };
  },
};

import { z } from 'zod';
import { jsonValueField, stringRecord } from './params';
import type { StepType } from './step-type';

const params = z
  .object({
    status: z
      .number()
      .int()
      .min(100)
      .max(599)
      .default(200)
      .describe('HTTP status of the response.')
      .meta({ title: 'Status' }),
    headers: stringRecord('Headers', 'Response headers.'),
    body: jsonValueField(
      'Body',
      'Response body: text, or any JSON value (sent as JSON); may be a template.',
    ).optional(),
  })
  .meta({ title: 'Respond to Webhook' });

/**
 * Only describes the response: the webhook server sends it (responseMode "respondStep")
 * when it sees this step's output, and the run goes on.
 */
export const respondStep: StepType<typeof params> = {
  id: 'respond',
  version: 1,
  displayName: 'Respond to Webhook',
  category: 'action',
  description: 'Sets the HTTP response of the webhook that started the run.',
  params,
  ports: () => ['out'],
  inline: true,
  async execute(p) {
    return {
      output: {
        status: p.status,
        headers: p.headers,
        body: p.body === undefined ? null : p.body,
      },
    };
  },
};

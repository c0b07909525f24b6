import { z } from 'zod';
import { flagSchema } from '@/engine';
import { AppError } from '../../errors';
import { flagKeyInput } from '../../services/flags/flag-inputs';
import type { FlagRecord } from '../../services/flags/read-flags';
import { route } from '../rest-route';

const TAG = 'Flags';

const flagDocument = z
  .looseObject({ key: z.string(), kind: z.string(), enabled: z.boolean() })
  .describe('The flag document: key, kind, enabled, variants, defaultVariant and ordered rules.');

const document = ({ flag }: FlagRecord) => flag;

export const flagRoutes = [
  route({
    method: 'get',
    path: '/flags',
    operationId: 'listFlags',
    summary: 'List feature flags',
    tag: TAG,
    procedure: 'flag.list',
    responses: { 200: { description: 'The flag documents', schema: z.array(flagDocument) } },
    async handle({ caller }) {
      return { status: 200, body: (await caller.flag.list()).map(document) };
    },
  }),
  route({
    method: 'get',
    path: '/flags/{key}',
    operationId: 'getFlag',
    summary: 'Read a feature flag',
    tag: TAG,
    procedure: 'flag.get',
    params: flagKeyInput,
    responses: { 200: { description: 'The flag document', schema: flagDocument } },
    async handle({ caller, params }) {
      return { status: 200, body: document(await caller.flag.get(params)) };
    },
  }),
  route({
    method: 'put',
    path: '/flags/{key}',
    operationId: 'putFlag',
    summary: 'Create or replace a feature flag',
    description: 'The body is the whole flag document; its `key` must be the key in the path.',
    tag: TAG,
    procedure: 'flag.put',
    params: flagKeyInput,
    body: flagSchema,
    responses: {
      200: { description: 'The flag was replaced', schema: flagDocument },
      201: { description: 'The flag was created', schema: flagDocument },
    },
    async handle({ caller, params, body }) {
      if (body.key !== params.key) {
        throw new AppError(
          'BAD_REQUEST',
          `key: "${body.key}" differs from the key in the path ("${params.key}")`,
        );
      }
      const saved = await caller.flag.put(body);
      return { status: saved.created ? 201 : 200, body: document(saved) };
    },
  }),
];

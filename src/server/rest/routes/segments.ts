import { z } from 'zod';
import { segmentSchema } from '@/engine';
import { AppError } from '../../errors';
import { segmentKeyInput } from '../../services/flags/flag-inputs';
import type { SegmentRecord } from '../../services/flags/read-segments';
import { route } from '../rest-route';

const TAG = 'Flags';

const segmentDocument = z
  .looseObject({ key: z.string() })
  .describe(
    'The segment document: key, description, `targetingKeys` and/or `when` conditions (all must hold).',
  );

const document = ({ segment }: SegmentRecord) => segment;

export const segmentRoutes = [
  route({
    method: 'get',
    path: '/segments',
    operationId: 'listSegments',
    summary: 'List flag segments',
    tag: TAG,
    procedure: 'segment.list',
    responses: { 200: { description: 'The segment documents', schema: z.array(segmentDocument) } },
    async handle({ caller }) {
      return { status: 200, body: (await caller.segment.list()).map(document) };
    },
  }),
  route({
    method: 'get',
    path: '/segments/{key}',
    operationId: 'getSegment',
    summary: 'Read a flag segment',
    tag: TAG,
    procedure: 'segment.get',
    params: segmentKeyInput,
    responses: { 200: { description: 'The segment document', schema: segmentDocument } },
    async handle({ caller, params }) {
      return { status: 200, body: document(await caller.segment.get(params)) };
    },
  }),
  route({
    method: 'put',
    path: '/segments/{key}',
    operationId: 'putSegment',
    summary: 'Create or replace a flag segment',
    description:
      'The body is the whole segment document; its `key` must be the key in the path. Flag rules refer to it with the `inSegment` operator.',
    tag: TAG,
    procedure: 'segment.put',
    params: segmentKeyInput,
    body: segmentSchema,
    responses: {
      200: { description: 'The segment was replaced', schema: segmentDocument },
      201: { description: 'The segment was created', schema: segmentDocument },
    },
    async handle({ caller, params, body }) {
      if (body.key !== params.key) {
        throw new AppError(
          'BAD_REQUEST',
          `key: "${body.key}" differs from the key in the path ("${params.key}")`,
        );
      }
      const saved = await caller.segment.put(body);
      return { status: saved.created ? 201 : 200, body: document(saved) };
    },
  }),
];

import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi';
import { processEnv } from '../env';
import type { RestRoute } from './rest-route';
import { minRoleOf, REST_ROUTES } from './rest-routes';
import { problemSchema } from './rest-schemas';

const problemContent = { 'application/problem+json': { schema: problemSchema } };

const ERRORS = {
  400: 'Invalid input: `errors` names each field and its problem',
  401: 'Missing, unknown, expired or revoked API key',
  403: "The key's role is too low",
  404: "Not found in the key's workspace",
} as const;

function operation(route: RestRoute): ZodOpenApiOperationObject {
  const role = minRoleOf(route);
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    responses[status as `${2 | 4}${string}`] = {
      description: answer.description,
      ...(answer.schema ? { content: { 'application/json': { schema: answer.schema } } } : {}),
    };
  }
  for (const [status, description] of Object.entries(ERRORS)) {
    responses[status as `4${string}`] = { description, content: problemContent };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description ? `${route.description}\n\n` : ''}Needs the **${role}** role.`,
    tags: [route.tag],
    'x-miniflow-role': role,
    ...(route.params || route.query
      ? {
          requestParams: {
            ...(route.params ? { path: route.params } : {}),
            ...(route.query ? { query: route.query } : {}),
          },
        }
      : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
      : {}),
    responses,
  };
}

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, made from the routes' own zod schemas. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        tags: ['Meta'],
        security: [],
        responses: {
          200: {
            description: 'The OpenAPI 3.1 document',
            content: { 'application/json': { schema: z.looseObject({ openapi: z.string() }) } },
          },
        },
      },
    },
  };
  for (const route of REST_ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  cached = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'MiniFlow REST API',
      version: processEnv().npm_package_version,
      description:
        'Automate a MiniFlow workspace. Send `Authorization: Bearer <API key>`; a key acts in ' +
        'its workspace with its role. Errors are `application/problem+json` (RFC 9457).',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key (`mf_…`) made in Settings → API keys or with `miniflow api-key create`',
        },
      },
    },
    paths,
  });
  return cached;
}

import { z } from 'zod';
import {
  createCredentialInput,
  credentialIdInput,
  replaceCredentialBody,
} from '../../services/credentials/credential-inputs';
import { route } from '../rest-route';
import { credentialSchema } from '../rest-schemas';

const TAG = 'Credentials';

export const credentialRoutes = [
  route({
    method: 'get',
    path: '/credentials',
    operationId: 'listCredentials',
    summary: 'List the workspace’s credentials (never their values)',
    tag: TAG,
    procedure: 'credential.list',
    responses: { 200: { description: 'The credentials', schema: z.array(credentialSchema) } },
    async handle({ caller }) {
      return { status: 200, body: await caller.credential.list() };
    },
  }),
  route({
    method: 'post',
    path: '/credentials',
    operationId: 'createCredential',
    summary: 'Create a credential',
    description:
      'Its data is checked against its type (secret, httpHeader, httpBearer, basicAuth, ' +
      'postgres, mysql), encrypted, and never answered again.',
    tag: TAG,
    procedure: 'credential.create',
    body: createCredentialInput,
    responses: { 201: { description: 'Created', schema: credentialSchema } },
    async handle({ caller, body }) {
      return { status: 201, body: await caller.credential.create(body) };
    },
  }),
  route({
    method: 'put',
    path: '/credentials/{id}',
    operationId: 'replaceCredential',
    summary: 'Replace a credential’s data (a new version)',
    tag: TAG,
    procedure: 'credential.replace',
    params: credentialIdInput,
    body: replaceCredentialBody,
    responses: { 200: { description: 'Replaced', schema: credentialSchema } },
    async handle({ caller, params, body }) {
      return { status: 200, body: await caller.credential.replace({ ...body, id: params.id }) };
    },
  }),
  route({
    method: 'delete',
    path: '/credentials/{id}',
    operationId: 'deleteCredential',
    summary: 'Delete a credential',
    tag: TAG,
    procedure: 'credential.delete',
    params: credentialIdInput,
    responses: { 204: { description: 'Deleted' } },
    async handle({ caller, params }) {
      await caller.credential.delete({ id: params.id });
      return { status: 204 };
    },
  }),
];

import {
  createCredentialInput,
  credentialIdInput,
  envFallbackInput,
  replaceCredentialInput,
} from '../../services/credentials/credential-inputs';
import { credentialNames, listCredentials } from '../../services/credentials/list-credentials';
import {
  createCredential,
  deleteCredential,
  replaceCredential,
  setEnvSecretFallback,
} from '../../services/credentials/save-credential';
import {
  actorOf,
  adminProcedure,
  createTRPCRouter,
  editorProcedure,
  ownerProcedure,
} from '../trpc';

export const credentialRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listCredentials(ctx.db, actorOf(ctx))),
  names: editorProcedure.query(({ ctx }) => credentialNames(ctx.db, actorOf(ctx))),
  create: adminProcedure
    .input(createCredentialInput)
    .mutation(({ ctx, input }) => createCredential(ctx.db, actorOf(ctx), input)),
  replace: adminProcedure
    .input(replaceCredentialInput)
    .mutation(({ ctx, input }) => replaceCredential(ctx.db, actorOf(ctx), input)),
  delete: adminProcedure
    .input(credentialIdInput)
    .mutation(({ ctx, input }) => deleteCredential(ctx.db, actorOf(ctx), input)),
  setEnvFallback: ownerProcedure
    .input(envFallbackInput)
    .mutation(({ ctx, input }) => setEnvSecretFallback(ctx.db, actorOf(ctx), input)),
});

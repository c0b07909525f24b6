import { createApiKeyInput, revokeApiKeyInput } from '../../api-keys/api-key-inputs';
import { createApiKey } from '../../api-keys/create-api-key';
import { listApiKeys } from '../../api-keys/list-api-keys';
import { revokeApiKey } from '../../api-keys/revoke-api-key';
import { actorOf, adminProcedure, createTRPCRouter } from '../trpc';

export const apiKeyRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, actorOf(ctx))),
  create: adminProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, actorOf(ctx), input)),
  revoke: adminProcedure
    .input(revokeApiKeyInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, actorOf(ctx), input)),
});

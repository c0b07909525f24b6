import { z } from 'zod';
import { CREDENTIAL_DATA, CREDENTIAL_TYPES, credentialName } from '@/shared/credential-types';

const id = (what: string) => z.string().min(1, 'must not be empty').max(64, `is not ${what}`);

export const credentialType = z.enum(CREDENTIAL_TYPES, {
  error: `must be one of ${CREDENTIAL_TYPES.join(', ')}`,
});

export const allowedWorkflowIds = z
  .array(id('a workflow id'))
  .max(100, 'must list at most 100 workflows')
  .optional();

/** The type and its data; the data is checked against the type's schema (see saveInput). */
const typedData = {
  type: credentialType,
  data: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
  /** Workflows that may use it; absent or empty: every workflow of the workspace. */
  allowedWorkflowIds,
};

function checkData(
  value: { type: z.infer<typeof credentialType>; data: unknown },
  ctx: z.RefinementCtx,
) {
  const parsed = CREDENTIAL_DATA[value.type].safeParse(value.data);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: ['data', ...issue.path] });
  }
}

export const createCredentialInput = z
  .object({ name: credentialName, ...typedData })
  .superRefine(checkData);

export const replaceCredentialInput = z
  .object({ id: id('a credential id'), ...typedData })
  .superRefine(checkData);

/** What PUT /credentials/{id} reads: the id comes from the path. */
export const replaceCredentialBody = z.object(typedData).superRefine(checkData);

export const credentialIdInput = z.object({ id: id('a credential id') });

export const envFallbackInput = z.object({
  enabled: z.boolean({ error: 'must be true or false' }),
});

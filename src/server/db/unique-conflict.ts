import { AppError } from '../errors';

interface UniqueViolation {
  code?: unknown;
  meta?: {
    modelName?: unknown;
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } };
  };
}

/**
 * A unique constraint that a concurrent request won (two accepts of invitations, two creates
 * of the same name at once) as the CONFLICT it is, naming the fields: the check before the
 * write saw nothing, because the other transaction had not committed yet.
 */
export function uniqueConflict(error: unknown): AppError | undefined {
  const { code, meta } = (error ?? {}) as UniqueViolation;
  if (code !== 'P2002') return undefined;
  const raw = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  const fields = Array.isArray(raw)
    ? raw.map((field) => String(field).replaceAll('"', '')).join(', ')
    : undefined;
  const model = typeof meta?.modelName === 'string' ? meta.modelName.toLowerCase() : 'record';
  const what = fields ? `${fields}: a ${model} with these values` : `This ${model}`;
  return new AppError(
    'CONFLICT',
    `${what} already exists; another request made it at the same moment`,
  );
}

import { z } from 'zod';
import { StepError, type StepType } from './step-type';

const params = z
  .object({
    credential: z
      .string()
      .min(1, 'Credential is required')
      .max(100)
      .describe('Name of a PostgreSQL or MySQL credential of this workspace.')
      .meta({ title: 'Credential' }),
    sql: z
      .string()
      .min(1, 'SQL is required')
      .max(100_000)
      .describe(
        'One SQL statement. Values go in as parameters: $1, $2… for PostgreSQL, ? for MySQL; ' +
          'templates are not resolved here.',
      )
      .meta({ title: 'SQL' }),
    parameters: z
      .array(z.unknown())
      .max(1000)
      .default([])
      .describe(
        'Values of the placeholders, in order; each may be a template, e.g. "{{ input.body.id }}".',
      )
      .meta({ title: 'Parameters', kind: 'json' }),
    readOnly: z
      .boolean()
      .default(true)
      .describe('Run the statement in a read-only transaction.')
      .meta({ title: 'Read-only' }),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(300_000)
      .default(10_000)
      .describe('Stop the statement after this many milliseconds.')
      .meta({ title: 'Statement timeout (ms)' }),
    maxRows: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1_000)
      .describe('Keep at most this many rows; the output says when more were returned.')
      .meta({ title: 'Row cap' }),
  })
  .meta({ title: 'Database Query' });

// SQLSTATE classes that may heal by themselves: connection, transaction rollback,
// resources, operator intervention (a statement timeout included), system errors.
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);

function queryError(error: unknown): StepError {
  const e = error as { message?: string; code?: unknown; sqlState?: unknown; retryable?: boolean };
  const state =
    typeof e.sqlState === 'string'
      ? e.sqlState
      : typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)
        ? e.code
        : undefined;
  const retryable =
    e.retryable !== false &&
    (state === undefined || TRANSIENT_SQLSTATE_CLASSES.has(state.slice(0, 2)));
  return new StepError(`Database query failed: ${e.message ?? String(error)}`, {
    retryable,
    ...(state ? { details: { sqlState: state } } : {}),
  });
}

export const databaseStep: StepType<typeof params> = {
  id: 'database',
  version: 1,
  displayName: 'Database Query',
  category: 'action',
  description:
    'Runs one SQL statement against a PostgreSQL or MySQL credential, with its values as ' +
    'parameters. Output: { columns, rows, rowCount, truncated }.',
  params,
  paramKinds: { sql: 'sql' },
  ports: () => ['out'],
  async execute(p, ctx) {
    if (!ctx.database) {
      throw new StepError('Database steps run on a MiniFlow server only', { retryable: false });
    }
    try {
      const result = await ctx.database.query(
        {
          credential: p.credential,
          sql: p.sql,
          params: p.parameters,
          readOnly: p.readOnly,
          timeoutMs: p.timeoutMs,
          maxRows: p.maxRows,
        },
        ctx.signal,
      );
      return { output: result };
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      throw queryError(error);
    }
  },
};

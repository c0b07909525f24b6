import { z } from 'zod';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((value) => value || undefined);

export const auditFiltersInput = z
  .object({
    /** An action, or the start of one (`member.` matches every member action). */
    action: text(100),
    /** Part of the acting user's email. */
    actor: text(320),
    /** A target id, or a target type (`workflow`). */
    target: text(100),
    /** Events recorded at or after this instant. */
    from: instant.optional(),
    /** Events recorded before this instant. */
    to: instant.optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), {
    path: ['to'],
    message: 'must be after from',
  });

export const listAuditEventsInput = z.object({
  filters: auditFiltersInput.prefault({}),
  limit: z.number().int().min(1).max(200).default(50),
  /** The id of the last event of the previous page. */
  cursor: z
    .string()
    // At most 18 digits: every such number fits the BigInt id column.
    .regex(/^\d{1,18}$/, 'is not an audit event id')
    .optional(),
});

export const exportAuditCsvInput = z.object({ filters: auditFiltersInput.prefault({}) });

export type AuditFilters = z.infer<typeof auditFiltersInput>;

import { z } from 'zod';
import { BUILTIN_RULES, customRuleProblem } from '@/engine';

export const setBuiltinsInput = z.object({
  builtins: z
    .array(z.enum(BUILTIN_RULES, { error: `must be one of ${BUILTIN_RULES.join(', ')}` }))
    .max(BUILTIN_RULES.length),
});

export const addMaskingRuleInput = z
  .object({
    name: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(50, 'must be at most 50 characters')
      .regex(/^[A-Za-z0-9_ .-]+$/, 'may hold letters, digits, spaces and _ . - only'),
    kind: z.enum(['pattern', 'path'], { error: 'must be pattern or path' }),
    expression: z
      .string({ error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(500, 'must be at most 500 characters'),
  })
  .superRefine((rule, ctx) => {
    const problem = customRuleProblem(rule.kind, rule.expression);
    if (problem) ctx.addIssue({ code: 'custom', path: ['expression'], message: problem });
  });

export const maskingRuleIdInput = z.object({
  id: z.string().min(1, 'must not be empty').max(64, 'is not a rule id'),
});

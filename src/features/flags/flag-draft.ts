import { flagSchema, type Flag } from '@/engine/flags';

export const NEW_FLAG: Flag = {
  key: 'new-flag',
  kind: 'boolean',
  enabled: true,
  variants: { on: true, off: false },
  defaultVariant: 'off',
  rules: [{ serve: { rollout: { on: 0, off: 100 } } }],
};

/** The flag typed in the editor, or the first problem with it, naming the field. */
export function parseFlagText(text: string): { flag: Flag } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `Not valid JSON: ${(err as Error).message}` };
  }
  const parsed = flagSchema.safeParse(value);
  if (parsed.success) return { flag: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { error: `${issue.path.join('.') || 'flag'}: ${issue.message}` };
}

/** Index of the last rule serving a two-variant rollout: the one the slider moves. */
export function sliderRule(flag: Flag): number {
  for (let i = flag.rules.length - 1; i >= 0; i--) {
    const serve = flag.rules[i]!.serve;
    if (typeof serve !== 'string' && Object.keys(serve.rollout).length === 2) return i;
  }
  return -1;
}

/** The flag with the slider's rollout giving `percent` to its first variant, the rest to the second. */
export function withRollout(flag: Flag, percent: number): Flag {
  const index = sliderRule(flag);
  if (index === -1) return flag;
  const rules = flag.rules.map((rule, i) => {
    if (i !== index || typeof rule.serve === 'string') return rule;
    const [first, second] = Object.keys(rule.serve.rollout) as [string, string];
    return {
      ...rule,
      serve: { ...rule.serve, rollout: { [first]: percent, [second]: 100 - percent } },
    };
  });
  return { ...flag, rules };
}

import { segmentSchema, type Segment } from '@/engine/flags';

export const NEW_SEGMENT: Segment = {
  key: 'new-segment',
  description: '',
  targetingKeys: [],
  when: [{ attribute: 'email', op: 'endsWith', values: ['@example.com'] }],
};

/** The segment typed in the editor, or the first problem with it, naming the field. */
export function parseSegmentText(text: string): { segment: Segment } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `Not valid JSON: ${(err as Error).message}` };
  }
  const parsed = segmentSchema.safeParse(value);
  if (parsed.success) return { segment: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { error: `${issue.path.join('.') || 'segment'}: ${issue.message}` };
}

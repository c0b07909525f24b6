import { z } from 'zod';
import { flagSchema, type Flag } from '@/engine/flags';

/**
 * Flag files as kept in git: one flag document per file, or an array of them (what "Export
 * all" writes). Both are exactly the documents `PUT /api/v1/flags/{key}` takes.
 */
const manyFlags = z.array(flagSchema).min(1, 'The file holds no flags');

export type FlagFileResult = { flags: Flag[] } | { errors: string[] };

/** Every problem of a file, each naming its path (`1.rules.0.serve: …` for the second flag). */
export function parseFlagFile(text: string): FlagFileResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { errors: [`Not valid JSON: ${(err as Error).message}`] };
  }
  // Checked against the shape the file claims, so errors name the flag's own fields.
  const parsed = Array.isArray(value) ? manyFlags.safeParse(value) : flagSchema.safeParse(value);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`,
      ),
    };
  }
  const flags = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const seen = new Set<string>();
  const errors: string[] = [];
  flags.forEach((flag, i) => {
    if (seen.has(flag.key)) errors.push(`${i}.key: "${flag.key}" appears twice in the file`);
    seen.add(flag.key);
  });
  return errors.length ? { errors } : { flags };
}

/** The file "Export" writes for one flag, and its name. */
export function flagFile(flag: Flag): { name: string; text: string } {
  return { name: `${flag.key}.json`, text: `${JSON.stringify(flag, null, 2)}\n` };
}

/** The file "Export all" writes: every flag of the workspace, in key order. */
export function allFlagsFile(flags: readonly Flag[]): { name: string; text: string } {
  const sorted = [...flags].sort((a, b) => a.key.localeCompare(b.key));
  return { name: 'flags.json', text: `${JSON.stringify(sorted, null, 2)}\n` };
}

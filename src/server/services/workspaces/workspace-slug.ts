import { randomBytes } from 'node:crypto';
import type { DbTx } from '../../db';

/** Lowercase letters, digits and dashes from `name`, never empty, at most 40 characters. */
export function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    // Accents come apart from their letters under NFKD; keep the letters.
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'workspace';
}

/**
 * A slug no workspace has had: deleted workspaces keep theirs, so an old link never leads
 * into another tenant.
 */
export async function freeSlug(tx: DbTx, name: string): Promise<string> {
  const base = slugFrom(name);
  let candidate = base;
  while (await tx.workspace.findUnique({ where: { slug: candidate }, select: { id: true } })) {
    candidate = `${base}-${randomBytes(3).toString('hex')}`;
  }
  return candidate;
}

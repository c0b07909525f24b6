import { createRequire } from 'node:module';
import path from 'node:path';

let cached: string | undefined;

/**
 * Where the jsonata package's file is, for the evaluator processes to load. Resolved from
 * this module; a bundler may turn that resolution into a module id, so the working
 * directory (the project, for the server) is the fallback.
 */
export function jsonataPath(): string {
  if (cached) return cached;
  let resolved: unknown;
  try {
    resolved = createRequire(import.meta.url).resolve('jsonata');
  } catch {
    resolved = undefined;
  }
  if (typeof resolved !== 'string' || !path.isAbsolute(resolved)) {
    resolved = createRequire(path.join(process.cwd(), 'package.json')).resolve('jsonata');
  }
  cached = resolved as string;
  return cached;
}

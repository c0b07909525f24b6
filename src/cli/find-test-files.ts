import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** `<anything>.test.json`, `.test.yaml` or `.test.yml`. */
export const TEST_FILE_PATTERN = /\.test\.(json|ya?ml)$/i;

export function isTestFile(file: string): boolean {
  return TEST_FILE_PATTERN.test(path.basename(file));
}

export type FoundTestFiles = { files: string[]; missing: string[] };

/**
 * The test files the arguments name: files as given, folders searched recursively (skipping
 * dot folders and node_modules), each file once, in a stable order.
 */
export async function findTestFiles(targets: string[]): Promise<FoundTestFiles> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const target of targets) {
    let info;
    try {
      info = await stat(target);
    } catch {
      missing.push(target);
      continue;
    }
    if (info.isDirectory()) for (const file of await walk(target)) files.add(file);
    else files.add(target);
  }
  return { files: [...files], missing };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      found.push(...(await walk(full)));
    } else if (entry.isFile() && isTestFile(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

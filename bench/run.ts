/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (or the named ones), prints a
 * table and merges the figures into bench/results.json. Each bench module exports
 * `run(): Promise<Record<string, number>>`.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const resultsFile = path.join(dir, 'results.json');
const results = (
  existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {}
) as Record<string, unknown>;

// Each benchmark runs in its own process: it owns its database and process-wide clients.
function runFile(file: string): Record<string, number> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) {
    throw new Error(`${file} failed (exit ${result.status})\n${result.stdout}`);
  }
  return JSON.parse(last) as Record<string, number>;
}

for (const file of files) {
  console.log(`\n${file}`);
  const figures = runFile(file);
  for (const [key, value] of Object.entries(figures)) {
    console.log(`  ${key.padEnd(36)} ${value}`);
    results[key] = value;
  }
}

results.measuredAt = new Date().toISOString();
results.machine = `${process.platform}-${process.arch}, node ${process.version}`;
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${path.relative(process.cwd(), resultsFile)}`);

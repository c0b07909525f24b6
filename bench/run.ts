/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (or the named ones), prints a
 * table and merges the figures into bench/results.json. Each bench module exports
 * `run(): Promise<Record<string, number>>`.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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

for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as {
    run: () => Promise<Record<string, number>>;
  };
  console.log(`\n${file}`);
  const figures = await mod.run();
  for (const [key, value] of Object.entries(figures)) {
    console.log(`  ${key.padEnd(36)} ${value}`);
    results[key] = value;
  }
}

results.measuredAt = new Date().toISOString();
results.machine = `${process.platform}-${process.arch}, node ${process.version}`;
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${path.relative(process.cwd(), resultsFile)}`);

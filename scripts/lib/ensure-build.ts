import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'src',
  'public',
  'prisma/schema.prisma',
  'next.config.mjs',
  'postcss.config.mjs',
  'package-lock.json',
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'generated') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** The asset prefix a build was made with (MINIFLOW_ASSET_PREFIX, read by next.config.mjs). */
const prefixStamp = (root: string) => path.join(root, '.next', 'miniflow-asset-prefix');

/**
 * True when there is no production build, a source file changed after it, or it was built
 * for another asset prefix.
 */
export function buildIsStale(root: string, assetPrefix = ''): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtFor = existsSync(prefixStamp(root)) ? readFileSync(prefixStamp(root), 'utf8') : '';
  if (builtFor !== assetPrefix) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > builtAt);
}

export function nextBin(root: string): string {
  return path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
}

/**
 * The build reads next.config.mjs and says so; the server that starts next says it again.
 * One such line is enough.
 */
const CONFIG_TIMING = /Running next\.config\.\w+ took/;

export function runNextBuild(root: string, assetPrefix = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(root), 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        MINIFLOW_ASSET_PREFIX: assetPrefix,
      },
    });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (!CONFIG_TIMING.test(line)) process.stdout.write(`${line}\n`);
    });
    child.on('exit', (code) => {
      if (pending && !CONFIG_TIMING.test(pending)) process.stdout.write(pending);
      if (code !== 0) return reject(new Error(`next build failed with exit code ${code}`));
      writeFileSync(prefixStamp(root), assetPrefix);
      resolve();
    });
  });
}

/**
 * The npm mirror this project is developed against lacks some platform-specific optional
 * packages (e.g. `@next/swc-darwin-arm64`), so `npm install` leaves them out of
 * package-lock.json and `npm ci` then refuses the lock ("Missing: … from lock file") on
 * every machine. This adds an entry for each optional dependency the lock lacks,
 * restricted to its platform (read from the package's name), so npm skips it here and
 * installs it where it applies. Run after changing dependencies: `npm run lock:fix`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Entry = {
  version?: string;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
};

const file = path.resolve(process.argv[2] ?? 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, Entry> };

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

function platformOf(name: string): { os?: string[]; cpu?: string[]; libc?: string[] } {
  const parts = name.split('/').pop()!.split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  const libc = parts.includes('musl') ? 'musl' : parts.includes('gnu') ? 'glibc' : undefined;
  if (cpu === 'wasm32') return { cpu: ['wasm32'] };
  return {
    ...(os ? { os: [os] } : {}),
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(libc ? { libc: [libc] } : {}),
  };
}

const added: string[] = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(name);
    // Only platform packages: a missing optional package of another kind is a real problem.
    if (!platform.os && !platform.cpu) continue;
    lock.packages[hoisted] = {
      version: range.replace(/^[\^~=]/, ''),
      optional: true,
      ...platform,
    };
    added.push(`${name}@${range}`);
  }
}

lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length
    ? `Added to the lock: ${added.join(', ')}`
    : 'The lock lists every platform package.',
);

import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** What finding a browser needs to know of the machine; tests pass a fake one. */
export interface BrowserProbe {
  /** Playwright's own Chromium for this version, installed or not (`chromium.executablePath()`). */
  bundledPath(): string | undefined;
  /** The PATH variable. */
  searchPath: string | undefined;
  /** Whether an executable file is at this path. */
  isExecutable(file: string): boolean;
}

/** Names the system's Chromium goes by on Linux distributions and macOS Homebrew. */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found: install it with `apt-get install chromium` (Debian/Ubuntu) or ' +
  '`npx playwright install chromium`, then run npm test again. ' +
  '(`npm run test:unit` and `npm run test:int` need no browser.)';

export interface FoundChromium {
  path: string;
  /** Playwright's own build: it needs no executablePath. */
  bundled: boolean;
}

/**
 * The browser the end-to-end tests will use: Playwright's own Chromium when installed, else
 * the first system Chromium on PATH (Debian's `chromium` works with Playwright).
 */
export function findChromium(probe: BrowserProbe): FoundChromium | undefined {
  const bundled = probe.bundledPath();
  if (bundled && probe.isExecutable(bundled)) return { path: bundled, bundled: true };
  const dirs = (probe.searchPath ?? '').split(path.delimiter).filter((dir) => dir !== '');
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (probe.isExecutable(file)) return { path: file, bundled: false };
    }
  }
  return undefined;
}

/** The probe of this machine. */
export function machineProbe(bundledPath: () => string | undefined): BrowserProbe {
  return {
    bundledPath() {
      try {
        return bundledPath();
      } catch {
        // Playwright throws when it knows no build of Chromium for this platform.
        return undefined;
      }
    },
    searchPath: process.env.PATH,
    isExecutable(file) {
      try {
        accessSync(file, constants.X_OK);
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
  };
}

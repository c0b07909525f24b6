import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, defineConfig } from '@playwright/test';
import { OWNER } from './e2e/helpers';
import { findChromium, machineProbe } from './scripts/lib/find-chromium';

// The app under test runs from the production build with its own embedded PostgreSQL in a
// throw-away data folder (the config is evaluated again in workers: keep one folder).
if (!process.env.MINIFLOW_E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(tmpdir(), 'miniflow-e2e-'));
  chmodSync(dir, 0o755);
  process.env.MINIFLOW_E2E_DATA_DIR = dir;
}
const port = Number(process.env.MINIFLOW_E2E_PORT ?? 3100);

// Playwright's own Chromium when installed; otherwise the system's (Debian: /usr/bin/chromium).
const browser = findChromium(machineProbe(() => chromium.executablePath()));
const executablePath = browser && !browser.bundled ? browser.path : undefined;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node --import tsx scripts/start.ts',
    url: `http://localhost:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      PORT: String(port),
      MINIFLOW_DATA_DIR: process.env.MINIFLOW_E2E_DATA_DIR,
      MINIFLOW_ADMIN_EMAIL: OWNER.email,
      MINIFLOW_ADMIN_PASSWORD: OWNER.password,
      MINIFLOW_LOG_LEVEL: 'warn',
      // The database steps' tests query a PostgreSQL on loopback.
      MINIFLOW_ALLOW_PRIVATE_NETWORK: 'true',
    },
  },
});

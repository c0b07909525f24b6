/**
 * The designer on a large graph: time to open a 500-node, 600-edge workflow until every node
 * is drawn, and the frame rate while a node is dragged, in headless Chromium against
 * `npm start`'s production build.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { freePort } from '../src/server/db/embedded-postgres';
import { benchDatabase, percentile, round } from './lib/bench-db';

const root = path.resolve(import.meta.dirname, '..');
const NODES = 500;
const EDGES = 600;
const COLUMNS = 25;
const PASSWORD = 'bench-password-1';

/** A trigger, a chain through every node, and forward skip edges up to EDGES. */
export function largeDefinition() {
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    id: `n${i}`,
    type: i === 0 ? 'manual' : i % 5 === 0 ? 'log' : 'set',
    name: i === 0 ? 'Start' : `Step ${i}`,
    params: i === 0 ? {} : i % 5 === 0 ? { message: `step ${i}` } : { values: { i } },
    position: { x: (i % COLUMNS) * 260, y: Math.floor(i / COLUMNS) * 160 },
  }));
  const edges: { from: string; to: string }[] = [];
  for (let i = 1; i < NODES; i++) edges.push({ from: `n${i - 1}`, to: `n${i}` });
  for (let i = 1; edges.length < EDGES; i += 4) edges.push({ from: `n${i}`, to: `n${i + 2}` });
  return { schemaVersion: 1, name: 'Large', nodes, edges };
}

// Playwright's own Chromium when installed, else the system's: as playwright.config.ts.
function executablePath(): string | undefined {
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return undefined;
  } catch {
    // Not installed: fall through to the system browser.
  }
  return '/usr/bin/chromium';
}

async function openEditor(page: Page, url: string): Promise<number> {
  const started = performance.now();
  await page.goto(url);
  await page.waitForFunction(`(() => {
    const nodes = document.querySelectorAll('.react-flow__node');
    return nodes.length === ${NODES} && [...nodes].every((n) => n.style.visibility !== 'hidden');
  })()`);
  return performance.now() - started;
}

async function nodeBox(
  page: Page,
): Promise<{ x: number; y: number; width: number; height: number }> {
  return JSON.parse(
    await page.evaluate<string>(
      `JSON.stringify(document.querySelector('.react-flow__node[data-id="n262"]').getBoundingClientRect())`,
    ),
  ) as { x: number; y: number; width: number; height: number };
}

async function dragFps(page: Page): Promise<number> {
  const box = await nodeBox(page);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // Page scripts are passed as text: tsx's helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.frames_ = [];
    window.stop_ = false;
    const tick = (t) => {
      window.frames_.push(t);
      if (!window.stop_) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 120; i++) {
    await page.mouse.move(x + i * 2, y + Math.sin(i / 10) * 40);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  const frames = await page.evaluate<number[]>(`(() => {
    window.stop_ = true;
    return window.frames_;
  })()`);
  const after = await nodeBox(page);
  if (Math.abs(after.x - box.x) < 20) throw new Error('the node did not move');
  const seconds = (frames[frames.length - 1]! - frames[0]!) / 1000;
  return (frames.length - 1) / seconds;
}

export async function run() {
  const bench = await benchDatabase();
  const { hashPassword } = await import('../src/server/auth/password');
  const { createWorkflow } = await import('../src/server/services/workflows/create-workflow');
  const { saveDraft } = await import('../src/server/services/workflows/save-draft');
  await bench.db.user.update({
    where: { id: bench.actor.userId },
    data: { passwordHash: await hashPassword(PASSWORD) },
  });
  const workflow = await createWorkflow(bench.db, bench.actor, { name: 'Large' });
  await saveDraft(bench.db, bench.actor, {
    id: workflow.id,
    definition: largeDefinition(),
    revision: 0,
  });

  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: bench.url,
      PORT: String(port),
      MINIFLOW_LOG_LEVEL: 'warn',
      MINIFLOW_WORKER_CONCURRENCY: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const browser = await chromium.launch({
    executablePath: executablePath(),
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on(
        'data',
        (c: Buffer) => c.toString().includes('MiniFlow is ready') && resolve(),
      );
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const base = `http://localhost:${port}`;
    // The bench measures with evaluated predicates, which the app's CSP (no eval) refuses.
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
      bypassCSP: true,
    });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email').fill('bench@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/w\//);

    const url = `${base}/w/bench/workflows/${workflow.id}`;
    await openEditor(page, url);
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) loads.push(await openEditor(page, url));
    const fps: number[] = [];
    for (let i = 0; i < 3; i++) {
      await openEditor(page, url);
      fps.push(await dragFps(page));
    }
    return {
      editor_load_500_ms: Math.round(percentile(loads, 50)),
      editor_drag_fps_500: round(percentile(fps, 50), 1),
    };
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await bench.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { Flag } from '@/engine';
import { db } from '@/server/db';
import { ownerActor } from '@/test/runtime-fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { env } from '../env';
import { putFlag } from '../services/flags/put-flag';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const pricing = (serve: string): Flag => ({
  key: 'new-pricing',
  kind: 'boolean',
  enabled: true,
  variants: { on: true, off: false },
  defaultVariant: 'off',
  rules: [{ serve }],
});

/** Another OS process with its own flag cache, reporting what it evaluates. */
function flagProcess(workspaceId: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/test/flag-cache-process.ts', workspaceId, 'new-pricing'],
    {
      env: { ...process.env, DATABASE_URL: env().DATABASE_URL },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const lines: { variant: string; at: number }[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let end: number;
    while ((end = buffered.indexOf('\n')) !== -1) {
      const match = /^variant (\S+)$/.exec(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (match) lines.push({ variant: match[1]!, at: Date.now() });
    }
  });
  return {
    /** The first time it printed `variant` at or after `since`. */
    saw: (variant: string, timeoutMs: number, since = 0) =>
      waitUntil(
        `the other process to evaluate "${variant}"`,
        () => {
          if (child.exitCode !== null) throw new Error(`Flag process exited (${child.exitCode})`);
          return lines.find((l) => l.variant === variant && l.at >= since);
        },
        timeoutMs,
        5,
      ),
  };
}

describe('flag changes across processes', () => {
  it('a flag changed in this process changes the evaluation of another OS process within 2 s', async () => {
    const actor = await ownerActor();
    await putFlag(db, actor, pricing('on'));
    const other = flagProcess(actor.workspaceId);
    await other.saw('on', 30_000);
    // Only a notice makes it reload: unchanged flags stay as they were.
    await new Promise((r) => setTimeout(r, 200));

    for (const serve of ['off', 'on', 'off']) {
      const changedAt = Date.now();
      await putFlag(db, actor, pricing(serve));
      const seen = await other.saw(serve, 5_000, changedAt);
      expect(seen.at - changedAt).toBeLessThan(2_000);
    }
  });
});

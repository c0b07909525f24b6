import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { waitUntil } from '@/test/runtime-waits';
import { env } from '../env';
import { ChannelListener } from './channel-listener';

const listeners: ChannelListener<unknown>[] = [];
afterAll(async () => {
  for (const l of listeners) await l.close();
});

const parse = (payload: string) => {
  const { key } = JSON.parse(payload) as { key: string };
  return { key, notice: payload };
};

function listener() {
  const made = new ChannelListener<string>({
    connectionString: env().DATABASE_URL,
    channel: 'test_main',
    parse,
    applicationName: 'miniflow-test-listener',
    minRetryMs: 20,
  });
  listeners.push(made as ChannelListener<unknown>);
  return made;
}

const notify = (channel: string, key: string) =>
  db.$executeRaw`SELECT pg_notify(${channel}, ${JSON.stringify({ key })})`;

describe('a channel added to a listener', () => {
  it('shares its connection, even when added once it is up, and keeps keys apart', async () => {
    const main = listener();
    const heardMain: (string | null)[] = [];
    main.subscribe('k', (n) => heardMain.push(n));
    const pid = await waitUntil('the connection', () => main.backendPid);

    const added = main.addChannel('test_added', parse);
    const heardAdded: (string | null)[] = [];
    added.subscribe('k', (n) => heardAdded.push(n));
    // Told once LISTEN on the added channel is active: a notice after that is never missed.
    await waitUntil('LISTEN on the added channel', () => heardAdded.includes(null));
    await notify('test_added', 'k');
    await waitUntil('the added channel’s notice', () => heardAdded.length === 2);
    expect(heardAdded[1]).toBe('{"key":"k"}');
    // A notice on one channel reaches only that channel's subscribers of the key.
    expect(heardMain.filter((n) => n !== null)).toEqual([]);
    await notify('test_main', 'k');
    await waitUntil('the main channel’s notice', () => heardMain.includes('{"key":"k"}'));
    expect(heardAdded).toHaveLength(2);
    expect(main.backendPid).toBe(pid);
  });

  it('listens on added channels again after a reconnect', async () => {
    const main = listener();
    const added = main.addChannel('test_added', parse);
    const heard: (string | null)[] = [];
    added.subscribe('r', (n) => heard.push(n));
    const pid = await waitUntil('the connection', () => main.backendPid);
    await db.$queryRaw`SELECT pg_terminate_backend(${pid})`;
    await waitUntil('a new connection', () => {
      const now = main.backendPid;
      return now !== undefined && now !== pid ? now : undefined;
    });
    const before = heard.length;
    await notify('test_added', 'r');
    await waitUntil('the notice after the reconnect', () => heard.length > before);
    expect(heard.at(-1)).toBe('{"key":"r"}');
    expect(heard.filter((n) => n === null).length).toBeGreaterThanOrEqual(2);
  });
});

import type { CliIo } from '../io';
import type { CliEnvironment } from '../local-database';
import { EXIT, UsageError } from '../usage-error';
import { ApiClient } from './api-client';
import { saveLogin, serverUrl } from './remote-config';

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0]!.trim();
}

/**
 * `login --url <url>`: checks the key (MINIFLOW_API_KEY, or the first line of stdin, so it
 * never lands in the shell's history) against the server and saves both for later commands.
 */
export async function loginCommand(
  io: CliIo,
  url: string,
  env: CliEnvironment = process.env,
  stdin: NodeJS.ReadableStream = process.stdin,
) {
  const target = { url: serverUrl(url, '--url'), apiKey: env.MINIFLOW_API_KEY || '' };
  if (!target.apiKey) {
    if ('isTTY' in stdin && stdin.isTTY) io.err('API key: ');
    target.apiKey = await firstLine(stdin);
  }
  if (!target.apiKey) throw new UsageError('no API key: set MINIFLOW_API_KEY or type it');
  await new ApiClient(target).get('/workflows');
  const file = await saveLogin(env, target);
  io.out(`Logged in to ${target.url}; saved to ${file}\n`);
  return EXIT.ok;
}

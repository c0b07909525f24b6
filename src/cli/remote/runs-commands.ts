import type { CliIo } from '../io';
import { EXIT } from '../usage-error';
import type { ApiClient } from './api-client';
import { findWorkflow } from './find-workflow';
import {
  exitCodeOf,
  FINAL_STATUSES,
  formatRemoteRun,
  idWidth,
  runFooter,
  stepLine,
  type RemoteRun,
} from './remote-run';

/** How long one request waits for a run to finish before the CLI watches it instead. */
const WAIT_PER_REQUEST_MS = 30_000;

function printRun(io: CliIo, run: RemoteRun, json: boolean) {
  io.out(json ? `${JSON.stringify(run, null, 2)}\n` : formatRemoteRun(run));
}

/** `runs start <workflow> [--input <json>] [--wait]`. */
export async function startRunCommand(
  client: ApiClient,
  io: CliIo,
  ref: string,
  input: unknown,
  options: { wait: boolean; json: boolean; intervalMs: number },
  signal?: AbortSignal,
) {
  const workflow = await findWorkflow(client, ref);
  const { status, body } = await client.request<RemoteRun | { id: string; status: string }>(
    'POST',
    `/workflows/${workflow.id}/runs`,
    { input, wait: options.wait, ...(options.wait ? { waitTimeoutMs: WAIT_PER_REQUEST_MS } : {}) },
  );
  if (status === 200) {
    const run = body as RemoteRun;
    printRun(io, run, options.json);
    return exitCodeOf(run);
  }
  if (!options.wait) {
    io.out(
      options.json
        ? `${JSON.stringify(body, null, 2)}\n`
        : `Started run ${body.id} of ${workflow.name} (${body.status})\n`,
    );
    return EXIT.ok;
  }
  return watchRunCommand(client, io, body.id, options, signal);
}

/** `runs get <id>`: the run now; the exit code says how it ended, 0 while it runs. */
export async function getRunCommand(client: ApiClient, io: CliIo, id: string, json: boolean) {
  const run = await client.get<RemoteRun>(`/runs/${encodeURIComponent(id)}`);
  printRun(io, run, json);
  return FINAL_STATUSES.includes(run.status) ? exitCodeOf(run) : EXIT.ok;
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * `runs watch <id>`: prints each step as it changes until the run ends; exits 0 when it
 * succeeded and 1 when it failed or was cancelled, like `miniflow run`.
 */
export async function watchRunCommand(
  client: ApiClient,
  io: CliIo,
  id: string,
  options: { json: boolean; intervalMs: number },
  signal?: AbortSignal,
) {
  const shown = new Map<string, string>();
  let lastStatus: string | undefined;
  for (;;) {
    const run = await client.get<RemoteRun>(`/runs/${encodeURIComponent(id)}`);
    if (!options.json) {
      if (run.status !== lastStatus && !FINAL_STATUSES.includes(run.status)) {
        io.out(`Run ${run.id} (${run.workflowName} v${run.version}) ${run.status}\n`);
      }
      const width = idWidth(run);
      for (const [nodeId, step] of Object.entries(run.steps)) {
        const seen = `${step.status}/${step.attempts}`;
        if (step.status === 'pending' || shown.get(nodeId) === seen) continue;
        shown.set(nodeId, seen);
        io.out(`${stepLine(nodeId, step, width)}\n`);
      }
    }
    lastStatus = run.status;
    if (FINAL_STATUSES.includes(run.status)) {
      if (options.json) io.out(`${JSON.stringify(run, null, 2)}\n`);
      else io.out(runFooter(run));
      return exitCodeOf(run);
    }
    if (signal?.aborted) {
      io.err(`Stopped watching run ${run.id}; it is still ${run.status}\n`);
      return EXIT.failed;
    }
    await pause(options.intervalMs, signal);
  }
}

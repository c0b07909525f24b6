import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { defaultRegistry, runInline, type InlineRunResult, type LogLevel } from '../engine';
import { processEnv } from '../server/env';
import { createNodePorts } from '../server/runtime/node-ports';
import { FolderWorkflows } from './folder-workflows';
import { formatHuman, toReport } from './format-run';
import type { CliIo } from './io';
import { formatIssue, loadWorkflow, type Issue } from './load-workflow';
import { parseTimeout, readRunInput } from './run-input';
import { EXIT } from './usage-error';

export interface RunCommandOptions {
  input?: string;
  inputFile?: string;
  json?: boolean;
  timeout?: string;
  allowPrivateNetwork?: boolean;
  logLevel?: LogLevel | 'silent';
}

/**
 * `miniflow run <file>`: runs the workflow in this process with real ports (isolated-vm,
 * guarded HTTP, wall-clock timers). Exit 0 succeeded, 1 failed or cancelled, 2 invalid
 * definition or arguments. Aborting `signal` (Ctrl-C) cancels the run.
 *
 * Detached child runs (`wait: false`) get to finish before the command exits, within
 * `--timeout` when one is given; Ctrl-C cancels them too. They are reported, but the exit
 * code is the run's own: nothing waits for a detached run's outcome.
 */
export async function runCommand(
  file: string,
  options: RunCommandOptions,
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  // Arguments first: a typo in --input should not wait for the workflow to load.
  const input = await readRunInput(options);
  const timeoutMs = parseTimeout(options.timeout);

  const loaded = await loadWorkflow(file, defaultRegistry);
  if (!loaded.ok) return reportInvalid(file, loaded.errors, io);
  const workflow = loaded.workflow;
  const folder = new FolderWorkflows(path.dirname(file), defaultRegistry);
  const missing = await folder.check(workflow);
  if (missing.length > 0) return reportInvalid(file, missing, io);

  const config = processEnv();
  const ports = createNodePorts({
    allowPrivateNetwork: options.allowPrivateNetwork === true,
    maxOutputBytes: config.MINIFLOW_STEP_OUTPUT_MAX_BYTES,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  if (!options.json) io.err(`Running "${workflow.name}" (${file})…\n`);
  const started = Date.now();
  let result: InlineRunResult;
  try {
    result = await runInline({
      workflow,
      registry: defaultRegistry,
      ports,
      input,
      runId: `cli-${randomUUID()}`,
      workflowId: path.basename(file, path.extname(file)),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(signal ? { signal } : {}),
      // The ports are disposed and the process exits right after: detached runs would die.
      awaitDetached: true,
      resolveWorkflow: (id) => folder.resolve(id),
    });
  } finally {
    // Idle isolates and keep-alive sockets would otherwise hold the process open, and an
    // isolate still executing (a timed-out step) would crash it on exit.
    await ports.dispose();
  }
  const durationMs = Date.now() - started;

  if (options.json) io.out(JSON.stringify(toReport(result, durationMs), null, 2) + '\n');
  else io.out(formatHuman(result, durationMs));
  return result.status === 'succeeded' ? EXIT.ok : EXIT.failed;
}

function reportInvalid(file: string, issues: Issue[], io: CliIo): number {
  io.err(`✗ ${file}: invalid\n`);
  for (const issue of issues) io.err(`  ${formatIssue(issue)}\n`);
  return EXIT.invalid;
}

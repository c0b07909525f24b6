import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import type { CliIo } from './io';
import { RemoteError } from './remote/api-client';
import { addRemoteCommands } from './remote/remote-commands';
import type { RunCommandOptions } from './run-command';
import type { TestCommandOptions } from './test-command';
import { EXIT, UsageError } from './usage-error';
import { defaultWorkerConcurrency } from '../server/env';
import type { WorkerCommandOptions } from './worker-command';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * Each command's module is loaded when it runs: the worker's database and queue clients
 * alone take the better part of a second to load, which `miniflow test` in CI need not pay.
 *
 * Parses `argv` (without node and script) and runs the command. Returns the exit code rather
 * than exiting, so the caller decides when the process may end (after output is flushed).
 */
export async function cli(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('miniflow')
    .description('MiniFlow workflows from the command line')
    .version(version)
    .showHelpAfterError('(run "miniflow help <command>" for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  program
    .command('validate')
    .description('Check workflow files (JSON or YAML) and report every problem')
    .argument('<files...>', 'workflow files')
    .action(async (files: string[]) => {
      const { validateCommand } = await import('./validate-command');
      code = await validateCommand(files, io);
    });

  program
    .command('run')
    .description('Run a workflow in this process and print each step and the result')
    .argument('<file>', 'workflow file (JSON or YAML); sub-workflows are read from its folder')
    .option('--input <json>', 'the run input, as JSON')
    .option('--input-file <file>', 'read the run input from a JSON or YAML file')
    .option('--json', 'print { status, output, steps } as JSON on stdout, logs on stderr')
    .option('--timeout <ms>', 'fail the run after this many milliseconds')
    .option('--allow-private-network', 'let HTTP steps reach loopback and private addresses')
    .addOption(
      new Option('--log-level <level>', 'log steps at this level and above (stderr)')
        .choices(['debug', 'info', 'warn', 'error', 'silent'])
        .default('info'),
    )
    .action(async (file: string, options: RunCommandOptions) => {
      const { runCommand } = await import('./run-command');
      code = await runCommand(file, options, io, signal);
    });

  program
    .command('test')
    .description(
      'Run workflow tests (*.test.json / *.test.yaml) in this process, on virtual time, ' +
        'with mocks instead of the network',
    )
    .argument('<paths...>', 'test files, or folders to search for them')
    .option('--junit <file>', 'also write the results as JUnit XML')
    .option('--json', 'print the results as JSON on stdout, progress on stderr')
    .option('--coverage', 'report steps and branches no case reached')
    .option('--min-coverage <percent>', 'fail when a workflow is covered less than this')
    .option('--filter <text>', 'run only cases whose name contains this text')
    .action(async (paths: string[], options: TestCommandOptions) => {
      const { testCommand } = await import('./test-command');
      code = await testCommand(paths, options, io);
    });

  program
    .command('worker')
    .description('Run queued workflow steps from the database in DATABASE_URL until stopped')
    .option('--concurrency <n>', 'jobs to run at once', String(defaultWorkerConcurrency()))
    .option('--metrics-port <port>', 'serve Prometheus metrics on GET /metrics at this port')
    .action(async (options: WorkerCommandOptions) => {
      const { workerCommand } = await import('./worker-command');
      code = await workerCommand(options, io, signal);
    });

  program
    .command('scheduler')
    .description('Fire cron schedules from the database in DATABASE_URL until stopped')
    .action(async () => {
      const { schedulerCommand } = await import('./scheduler-command');
      code = await schedulerCommand(io, signal);
    });

  program
    .command('audit')
    .description('Work with the audit trail')
    .command('verify')
    .description(
      'Check every audit chain and name the first broken link (exit 0 intact, 1 broken); ' +
        'uses DATABASE_URL, or the embedded database npm start runs in MINIFLOW_DATA_DIR',
    )
    .action(async () => {
      const { auditVerifyCommand } = await import('./audit-verify-command');
      code = await auditVerifyCommand(io);
    });

  program
    .command('keys')
    .description('Work with the master key that protects credentials')
    .command('rotate')
    .description(
      'Re-wrap every credential under a new master key (or the one MINIFLOW_MASTER_KEY now ' +
        'names, the old one in MINIFLOW_MASTER_KEY_PREVIOUS) while the server runs',
    )
    .action(async () => {
      const { keysRotateCommand } = await import('./keys-rotate-command');
      code = await keysRotateCommand(io);
    });

  addRemoteCommands(program, io, (exit) => (code = exit), signal);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    if (err instanceof UsageError || err instanceof RemoteError) {
      io.err(`miniflow: ${err.message}\n`);
      return EXIT.invalid;
    }
    throw err;
  }
  return code;
}

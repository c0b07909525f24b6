import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { auditVerifyCommand } from './audit-verify-command';
import type { CliIo } from './io';
import { runCommand, type RunCommandOptions } from './run-command';
import { EXIT, UsageError } from './usage-error';
import { validateCommand } from './validate-command';
import { schedulerCommand } from './scheduler-command';
import { workerCommand, type WorkerCommandOptions } from './worker-command';
import { defaultWorkerConcurrency } from '../server/env';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
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
      code = await runCommand(file, options, io, signal);
    });

  program
    .command('worker')
    .description('Run queued workflow steps from the database in DATABASE_URL until stopped')
    .option('--concurrency <n>', 'jobs to run at once', String(defaultWorkerConcurrency()))
    .option('--metrics-port <port>', 'serve Prometheus metrics on GET /metrics at this port')
    .action(async (options: WorkerCommandOptions) => {
      code = await workerCommand(options, io, signal);
    });

  program
    .command('scheduler')
    .description('Fire cron schedules from the database in DATABASE_URL until stopped')
    .action(async () => {
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
      code = await auditVerifyCommand(io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    if (err instanceof UsageError) {
      io.err(`miniflow: ${err.message}\n`);
      return EXIT.invalid;
    }
    throw err;
  }
  return code;
}

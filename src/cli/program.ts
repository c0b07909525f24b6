import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { apiKeyCreateCommand, type ApiKeyCreateOptions } from './api-key-create-command';
import { auditVerifyCommand } from './audit-verify-command';
import { keysRotateCommand } from './keys-rotate-command';
import type { CliIo } from './io';
import { ApiClient, RemoteError } from './remote/api-client';
import { loginCommand } from './remote/login-command';
import { remoteTarget } from './remote/remote-config';
import { getRunCommand, startRunCommand, watchRunCommand } from './remote/runs-commands';
import {
  listWorkflowsCommand,
  publishWorkflowCommand,
  pullWorkflowCommand,
  pushWorkflowsCommand,
} from './remote/workflows-commands';
import { runCommand, type RunCommandOptions } from './run-command';
import { readRunInput } from './run-input';
import { EXIT, UsageError } from './usage-error';
import { validateCommand } from './validate-command';
import { workerCommand, type WorkerCommandOptions } from './worker-command';

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
    .option('--concurrency <n>', 'jobs to run at once', '8')
    .option('--metrics-port <port>', 'serve Prometheus metrics on GET /metrics at this port')
    .action(async (options: WorkerCommandOptions) => {
      code = await workerCommand(options, io, signal);
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

  program
    .command('keys')
    .description('Work with the master key that protects credentials')
    .command('rotate')
    .description(
      'Re-wrap every credential under a new master key (or the one MINIFLOW_MASTER_KEY now ' +
        'names, the old one in MINIFLOW_MASTER_KEY_PREVIOUS) while the server runs',
    )
    .action(async () => {
      code = await keysRotateCommand(io);
    });

  // Commands that drive a running server through its REST API.
  const remote = (command: (client: ApiClient) => Promise<number>) => async () => {
    code = await command(new ApiClient(remoteTarget(process.env)));
  };
  const json = '--json';
  const jsonHelp = 'print JSON on stdout instead of text';

  program
    .command('login')
    .description(
      'Save the server URL and an API key (from MINIFLOW_API_KEY or stdin) for the remote commands',
    )
    .requiredOption('--url <url>', 'the MiniFlow server, e.g. https://miniflow.example.com')
    .action(async (options: { url: string }) => {
      code = await loginCommand(io, options.url);
    });

  const workflows = program
    .command('workflows')
    .description('Workflows on the server in MINIFLOW_URL (or the one you logged in to)');
  workflows
    .command('list')
    .description('List the workspace’s workflows')
    .option(json, jsonHelp)
    .action((options: { json?: boolean }) =>
      remote((client) => listWorkflowsCommand(client, io, Boolean(options.json)))(),
    );
  workflows
    .command('pull')
    .description('Write a workflow’s draft in the saved format to a file (or stdout)')
    .argument('<workflow>', 'workflow id or name')
    .argument('[file]', 'where to write it')
    .action((ref: string, file: string | undefined) =>
      remote((client) => pullWorkflowCommand(client, io, ref, file))(),
    );
  workflows
    .command('push')
    .description(
      'Make each file the draft of the workflow of its name (created if missing); idempotent',
    )
    .argument('<paths...>', 'workflow files, or folders of them (*.test.* files are skipped)')
    .option(json, jsonHelp)
    .action((paths: string[], options: { json?: boolean }) =>
      remote((client) => pushWorkflowsCommand(client, io, paths, Boolean(options.json)))(),
    );
  workflows
    .command('publish')
    .description('Publish a workflow’s draft as its next version')
    .argument('<workflow>', 'workflow id or name')
    .requiredOption('-m, --message <message>', 'what changed')
    .option(json, jsonHelp)
    .action((ref: string, options: { message: string; json?: boolean }) =>
      remote((client) =>
        publishWorkflowCommand(client, io, ref, options.message, Boolean(options.json)),
      )(),
    );

  const runs = program.command('runs').description('Runs on the server');
  const interval = new Option('--interval <ms>', 'how often to look at the run while watching')
    .default('500')
    .argParser((value) => {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 50 || ms > 60_000) {
        throw new UsageError('--interval: must be a whole number of ms from 50 to 60000');
      }
      return String(ms);
    });
  runs
    .command('start')
    .description('Start a run of a workflow’s published version')
    .argument('<workflow>', 'workflow id or name')
    .option('--input <json>', 'the run input, as JSON')
    .option('--input-file <file>', 'read the run input from a JSON or YAML file')
    .option('--wait', 'wait for the run to end; exit 0 when it succeeded, 1 when it failed')
    .option(json, jsonHelp)
    .addOption(interval)
    .action(
      async (
        ref: string,
        options: {
          input?: string;
          inputFile?: string;
          wait?: boolean;
          json?: boolean;
          interval: string;
        },
      ) => {
        const input = await readRunInput(options);
        await remote((client) =>
          startRunCommand(
            client,
            io,
            ref,
            input,
            {
              wait: Boolean(options.wait),
              json: Boolean(options.json),
              intervalMs: Number(options.interval),
            },
            signal,
          ),
        )();
      },
    );
  runs
    .command('get')
    .description('Show a run and each of its steps')
    .argument('<id>', 'run id')
    .option(json, 'print { status, output, steps, … } as JSON, like miniflow run --json')
    .action((id: string, options: { json?: boolean }) =>
      remote((client) => getRunCommand(client, io, id, Boolean(options.json)))(),
    );
  runs
    .command('watch')
    .description('Follow a run until it ends; exit 0 when it succeeded, 1 when it failed')
    .argument('<id>', 'run id')
    .option(json, 'print the finished run as JSON')
    .addOption(interval)
    .action((id: string, options: { json?: boolean; interval: string }) =>
      remote((client) =>
        watchRunCommand(
          client,
          io,
          id,
          { json: Boolean(options.json), intervalMs: Number(options.interval) },
          signal,
        ),
      )(),
    );

  program
    .command('api-key')
    .description('API keys for the REST API')
    .command('create')
    .description(
      'Make an API key on the database npm start uses (DATABASE_URL or MINIFLOW_DATA_DIR) ' +
        'and print it once',
    )
    .requiredOption('--workspace <slug>', 'the workspace the key acts in')
    .requiredOption('--role <role>', 'admin, editor, operator or viewer')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--expires-in <duration>', 'e.g. 30d or 12h (default: never)')
    .action(async (options: ApiKeyCreateOptions) => {
      code = await apiKeyCreateCommand(options, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    if (err instanceof UsageError) {
      io.err(`miniflow: ${err.message}\n`);
      return EXIT.invalid;
    }
    if (err instanceof RemoteError) {
      io.err(`miniflow: ${err.message}\n`);
      return EXIT.invalid;
    }
    throw err;
  }
  return code;
}

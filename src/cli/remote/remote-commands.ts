import { Option, type Command } from 'commander';
import type { ApiKeyCreateOptions } from '../api-key-create-command';
import type { CliIo } from '../io';
import { UsageError } from '../usage-error';
import { ApiClient } from './api-client';

/**
 * The commands that drive a running server through its REST API (and `api-key create`,
 * which makes the key they use). Each loads its module when it runs, like the others.
 */
export function addRemoteCommands(
  program: Command,
  io: CliIo,
  setCode: (code: number) => void,
  signal?: AbortSignal,
): void {
  const remote = (command: (client: ApiClient) => Promise<number>) => async () => {
    const { remoteTarget } = await import('./remote-config');
    setCode(await command(new ApiClient(remoteTarget(process.env))));
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
      const { loginCommand } = await import('./login-command');
      setCode(await loginCommand(io, options.url));
    });

  const workflows = program
    .command('workflows')
    .description('Workflows on the server in MINIFLOW_URL (or the one you logged in to)');
  workflows
    .command('list')
    .description('List the workspace’s workflows')
    .option(json, jsonHelp)
    .action((options: { json?: boolean }) =>
      remote(async (client) =>
        (await import('./workflows-commands')).listWorkflowsCommand(
          client,
          io,
          Boolean(options.json),
        ),
      )(),
    );
  workflows
    .command('pull')
    .description(
      'Write a workflow’s draft in the saved format to a file (or stdout), and its test ' +
        'cases beside the file as <name>.test.json',
    )
    .argument('<workflow>', 'workflow id or name')
    .argument('[file]', 'where to write it')
    .action((ref: string, file: string | undefined) =>
      remote(async (client) =>
        (await import('./workflows-commands')).pullWorkflowCommand(client, io, ref, file),
      )(),
    );
  workflows
    .command('push')
    .description(
      'Make each file the draft of the workflow of its name (created if missing) and each ' +
        'test file the test cases of the workflow it names; idempotent',
    )
    .argument('<paths...>', 'workflow files and their test files (*.test.json), or folders of them')
    .option(json, jsonHelp)
    .action((paths: string[], options: { json?: boolean }) =>
      remote(async (client) =>
        (await import('./workflows-commands')).pushWorkflowsCommand(
          client,
          io,
          paths,
          Boolean(options.json),
        ),
      )(),
    );
  workflows
    .command('publish')
    .description('Publish a workflow’s draft as its next version')
    .argument('<workflow>', 'workflow id or name')
    .requiredOption('-m, --message <message>', 'what changed')
    .option(json, jsonHelp)
    .action((ref: string, options: { message: string; json?: boolean }) =>
      remote(async (client) =>
        (await import('./workflows-commands')).publishWorkflowCommand(
          client,
          io,
          ref,
          options.message,
          Boolean(options.json),
        ),
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
        const { readRunInput } = await import('../run-input');
        const input = await readRunInput(options);
        await remote(async (client) =>
          (await import('./runs-commands')).startRunCommand(
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
      remote(async (client) =>
        (await import('./runs-commands')).getRunCommand(client, io, id, Boolean(options.json)),
      )(),
    );
  runs
    .command('watch')
    .description('Follow a run until it ends; exit 0 when it succeeded, 1 when it failed')
    .argument('<id>', 'run id')
    .option(json, 'print the finished run as JSON')
    .addOption(interval)
    .action((id: string, options: { json?: boolean; interval: string }) =>
      remote(async (client) =>
        (await import('./runs-commands')).watchRunCommand(
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
      const { apiKeyCreateCommand } = await import('../api-key-create-command');
      setCode(await apiKeyCreateCommand(options, io));
    });
}

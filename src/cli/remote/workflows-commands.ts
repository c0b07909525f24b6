import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseWorkflow, type WorkflowDefinition } from '../../engine';
import type { CliIo } from '../io';
import { isTestFile } from '../find-test-files';
import { formatIssue, formatOf } from '../load-workflow';
import { sameJson } from '../../shared/same-json';
import { EXIT, UsageError } from '../usage-error';
import type { ApiClient } from './api-client';
import { findWorkflow, type RemoteWorkflowSummary } from './find-workflow';
import { pullTests, pushTests, readPushedTests, type PushAction } from './sync-tests';

const WORKFLOW_FILE = /\.(json|ya?ml)$/i;

/** `workflows list`: one line per workflow, or JSON. */
export async function listWorkflowsCommand(client: ApiClient, io: CliIo, json: boolean) {
  const workflows = await client.get<RemoteWorkflowSummary[]>('/workflows');
  if (json) {
    io.out(`${JSON.stringify(workflows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (workflows.length === 0) io.out('No workflows.\n');
  const width = Math.max(4, ...workflows.map((w) => w.name.length));
  for (const w of workflows) {
    const versions = w.versions === 1 ? '1 version' : `${w.versions} versions`;
    io.out(`${w.id}  ${w.name.padEnd(width)}  ${versions}\n`);
  }
  return EXIT.ok;
}

/**
 * `workflows pull <workflow> [file]`: the draft in the saved format, to a file or stdout;
 * with a file, the workflow's test cases go beside it as `<stem>.test.json`.
 */
export async function pullWorkflowCommand(
  client: ApiClient,
  io: CliIo,
  ref: string,
  file: string | undefined,
) {
  const workflow = await findWorkflow(client, ref);
  const draft = await client.get<{ definition: unknown }>(`/workflows/${workflow.id}/draft`);
  const text = `${JSON.stringify(draft.definition, null, 2)}\n`;
  if (file === undefined) {
    io.out(text);
  } else {
    await writeFile(file, text);
    io.err(`Wrote the draft of ${workflow.name} to ${file}\n`);
    await pullTests(client, io, workflow.id, file);
  }
  return EXIT.ok;
}

/** The workflow files and the test files the arguments name (folders: those in them). */
async function pushedFiles(paths: string[]): Promise<{ workflows: string[]; tests: string[] }> {
  const files: string[] = [];
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch {
      throw new UsageError(`${given}: no such file or folder`);
    }
    if (!info.isDirectory()) {
      files.push(given);
      continue;
    }
    const entries = (await readdir(given)).sort();
    files.push(
      ...entries.filter((name) => WORKFLOW_FILE.test(name)).map((name) => path.join(given, name)),
    );
  }
  return {
    workflows: files.filter((file) => !isTestFile(file)),
    tests: files.filter((file) => isTestFile(file)),
  };
}

/**
 * `workflows push <files or folders...>`: each file becomes the draft of the workflow of
 * the same name, created if missing. Pushing the same files twice changes nothing, so a
 * folder kept in git can be synced from CI.
 */
export async function pushWorkflowsCommand(
  client: ApiClient,
  io: CliIo,
  paths: string[],
  json: boolean,
) {
  const { workflows: files, tests: testFiles } = await pushedFiles(paths);
  if (files.length === 0) throw new UsageError('no workflow files (.json, .yaml, .yml) found');
  const parsed: { file: string; workflow: WorkflowDefinition }[] = [];
  let invalid = false;
  for (const file of files) {
    const result = parseWorkflow(await readFile(file, 'utf8'), formatOf(file));
    if (result.ok) {
      parsed.push({ file, workflow: result.workflow });
    } else {
      invalid = true;
      for (const issue of result.errors) io.err(`${file}: ${formatIssue(issue)}\n`);
    }
  }
  if (invalid) return EXIT.invalid;
  const names = new Map<string, string>();
  for (const { file, workflow } of parsed) {
    const other = names.get(workflow.name);
    if (other) throw new UsageError(`${file} and ${other} both define "${workflow.name}"`);
    names.set(workflow.name, file);
  }
  const tests = await readPushedTests(testFiles, parsed, io);
  if (!tests) return EXIT.invalid;

  const existing = await client.get<RemoteWorkflowSummary[]>('/workflows');
  const results: {
    file: string;
    name: string;
    id: string;
    action: PushAction;
    tests?: { files: string[]; cases: number; action: PushAction };
  }[] = [];
  for (const { file, workflow } of parsed) {
    let id = existing.find((w) => w.name === workflow.name)?.id;
    let action: PushAction = 'updated';
    if (!id) {
      const created = await client.request<{ id: string }>('POST', '/workflows', {
        name: workflow.name,
      });
      id = created.body.id;
      action = 'created';
    }
    const draft = await client.get<{ revision: number; definition: unknown }>(
      `/workflows/${id}/draft`,
    );
    if (sameJson(draft.definition, workflow)) {
      if (action !== 'created') action = 'unchanged';
    } else {
      await client.request('PUT', `/workflows/${id}/draft`, workflow, {
        'if-match': String(draft.revision),
      });
    }
    if (!json) io.out(`${action.padEnd(9)}  ${workflow.name}  ${id}  (${file})\n`);
    const suite = tests.get(workflow.name);
    if (!suite) {
      results.push({ file, name: workflow.name, id, action });
      continue;
    }
    const testsAction = await pushTests(client, id, suite.cases);
    const count = suite.cases.length === 1 ? '1 case' : `${suite.cases.length} cases`;
    if (!json) {
      io.out(
        `${testsAction.padEnd(9)}  ${workflow.name} tests (${count})  (${suite.files.join(', ')})\n`,
      );
    }
    results.push({
      file,
      name: workflow.name,
      id,
      action,
      tests: { files: suite.files, cases: suite.cases.length, action: testsAction },
    });
  }
  if (json) io.out(`${JSON.stringify(results, null, 2)}\n`);
  return EXIT.ok;
}

/** `workflows publish <workflow> -m <message>`. */
export async function publishWorkflowCommand(
  client: ApiClient,
  io: CliIo,
  ref: string,
  message: string,
  json: boolean,
) {
  const workflow = await findWorkflow(client, ref);
  const { body } = await client.request<{ id: string; number: number }>(
    'POST',
    `/workflows/${workflow.id}/publish`,
    { message },
  );
  io.out(
    json ? `${JSON.stringify(body, null, 2)}\n` : `Published ${workflow.name} v${body.number}\n`,
  );
  return EXIT.ok;
}

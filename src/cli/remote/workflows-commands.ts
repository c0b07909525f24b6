import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseWorkflow, type WorkflowDefinition } from '../../engine';
import type { CliIo } from '../io';
import { formatIssue, formatOf } from '../load-workflow';
import { EXIT, UsageError } from '../usage-error';
import type { ApiClient } from './api-client';
import { findWorkflow, type RemoteWorkflowSummary } from './find-workflow';

const WORKFLOW_FILE = /\.(json|ya?ml)$/i;
/** Test-case files sit beside workflows in a synced folder; they are not workflows. */
const TEST_FILE = /\.test\.(json|ya?ml)$/i;

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

/** `workflows pull <workflow> [file]`: the draft in the saved format, to a file or stdout. */
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
  }
  return EXIT.ok;
}

async function workflowFiles(paths: string[]): Promise<string[]> {
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
      ...entries
        .filter((name) => WORKFLOW_FILE.test(name) && !TEST_FILE.test(name))
        .map((name) => path.join(given, name)),
    );
  }
  return files;
}

/** JSON with sorted keys: a draft equals a file when only key order differs. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

type PushAction = 'created' | 'updated' | 'unchanged';

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
  const files = await workflowFiles(paths);
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

  const existing = await client.get<RemoteWorkflowSummary[]>('/workflows');
  const results: { file: string; name: string; id: string; action: PushAction }[] = [];
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
    if (canonical(draft.definition) === canonical(workflow)) {
      if (action !== 'created') action = 'unchanged';
    } else {
      await client.request('PUT', `/workflows/${id}/draft`, workflow, {
        'if-match': String(draft.revision),
      });
    }
    results.push({ file, name: workflow.name, id, action });
    if (!json) io.out(`${action.padEnd(9)}  ${workflow.name}  ${id}  (${file})\n`);
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

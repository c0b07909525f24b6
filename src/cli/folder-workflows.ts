import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  CHILD_WORKFLOW_TYPES,
  hasTemplate,
  type StepRegistry,
  type WorkflowDefinition,
} from '../engine';
import { formatIssue, loadWorkflow, type Issue, type LoadResult } from './load-workflow';

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/**
 * Finds the workflows that for-each and sub-workflow steps run, among the files next to the
 * one being run: by file name without extension (`process-order` -> process-order.json), else
 * by the workflow's `name`. There is no database in the CLI, so the folder is the catalogue.
 */
export class FolderWorkflows {
  private readonly byId = new Map<string, Promise<LoadResult | undefined>>();
  private names: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly dir: string,
    private readonly registry: StepRegistry,
  ) {}

  /** For runInline's resolveWorkflow: throws a message the failed step will show. */
  async resolve(workflowId: string): Promise<WorkflowDefinition> {
    const found = await this.find(workflowId);
    if (!found) throw new Error(this.missing(workflowId));
    if (!found.ok) {
      const detail = found.errors.map(formatIssue).join('; ');
      throw new Error(`Workflow "${workflowId}" is invalid: ${detail}`);
    }
    return found.workflow;
  }

  /**
   * Every child workflow `workflow` refers to, and theirs in turn, exists and is valid: a
   * typo in a workflowId is a definition error to report before running, not mid-run.
   */
  async check(workflow: WorkflowDefinition): Promise<Issue[]> {
    const issues: Issue[] = [];
    const seen = new Set<string>();
    const visit = async (wf: WorkflowDefinition, prefix: string) => {
      for (const [i, node] of wf.nodes.entries()) {
        const id = node.params.workflowId;
        // A templated id is only known at run time.
        if (!CHILD_WORKFLOW_TYPES.has(node.type) || typeof id !== 'string' || hasTemplate(id)) {
          continue;
        }
        const at = `${prefix}nodes[${i}].params.workflowId`;
        const found = await this.find(id);
        if (!found) issues.push({ path: at, message: this.missing(id) });
        else if (!found.ok) {
          for (const e of found.errors) {
            issues.push({ path: at, message: `Workflow "${id}": ${formatIssue(e)}` });
          }
        } else if (!seen.has(id)) {
          seen.add(id);
          await visit(found.workflow, `${at} -> `);
        }
      }
    };
    await visit(workflow, '');
    return issues;
  }

  /** The valid workflows `workflow` runs as children, and theirs in turn, each once. */
  async descendants(workflow: WorkflowDefinition): Promise<WorkflowDefinition[]> {
    const found: WorkflowDefinition[] = [];
    const seen = new Set<string>();
    const visit = async (wf: WorkflowDefinition) => {
      for (const node of wf.nodes) {
        const id = node.params.workflowId;
        if (!CHILD_WORKFLOW_TYPES.has(node.type) || typeof id !== 'string' || seen.has(id)) {
          continue;
        }
        seen.add(id);
        const loaded = await this.find(id);
        if (loaded?.ok) {
          found.push(loaded.workflow);
          await visit(loaded.workflow);
        }
      }
    };
    await visit(workflow);
    return found;
  }

  private find(workflowId: string): Promise<LoadResult | undefined> {
    let found = this.byId.get(workflowId);
    if (!found) {
      found = this.lookup(workflowId);
      this.byId.set(workflowId, found);
    }
    return found;
  }

  private async lookup(workflowId: string): Promise<LoadResult | undefined> {
    const files = await this.files();
    const byFile = safeFileName(workflowId)
      ? files.find((f) => EXTENSIONS.includes(path.extname(f)) && stem(f) === workflowId)
      : undefined;
    const file = byFile ?? (await this.nameIndex()).get(workflowId);
    return file === undefined ? undefined : loadWorkflow(path.join(this.dir, file), this.registry);
  }

  private async files(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((f) => EXTENSIONS.includes(path.extname(f))).sort();
    } catch {
      return [];
    }
  }

  /** `name` -> file, read once and only when an id matches no file name. */
  private nameIndex(): Promise<Map<string, string>> {
    this.names ??= (async () => {
      const index = new Map<string, string>();
      for (const file of await this.files()) {
        const loaded = await loadWorkflow(path.join(this.dir, file), this.registry);
        // Files that are not workflows (or broken ones) simply have no name to match.
        if (loaded.ok && !index.has(loaded.workflow.name)) index.set(loaded.workflow.name, file);
      }
      return index;
    })();
    return this.names;
  }

  private missing(workflowId: string): string {
    return (
      `No workflow "${workflowId}" in ${this.dir} ` +
      `(looked for ${workflowId}.json, .yaml, .yml and for a workflow with that name)`
    );
  }
}

function stem(file: string): string {
  return path.basename(file, path.extname(file));
}

/** Ids that could climb out of the folder are only matched by name. */
function safeFileName(id: string): boolean {
  return id !== '.' && id !== '..' && !/[/\\\0]/.test(id);
}

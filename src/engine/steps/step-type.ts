import type { z } from 'zod';
import type { Clock, Database, Http, Logger, Sandbox, Secrets, StateStore } from '../ports';

export type StepCategory = 'trigger' | 'flow' | 'data' | 'action' | 'code' | 'utility';

/** How the engine treats a string param before `execute` sees it. */
export type ParamKind =
  /** Default for strings: `{{ expr }}` templates are resolved first. */
  | 'template'
  /** Raw JSONata; not template-resolved; checked for syntax by validation. */
  | 'expression'
  /** Raw JavaScript for the sandbox; passed through untouched. */
  | 'code'
  /**
   * Holds expression fields inside it (switch cases): not template-resolved, so each field's
   * schema sees its expression as written and checks it.
   */
  | 'nestedExpressions'
  /** An SQL statement: never template-resolved, so values can only arrive as parameters. */
  | 'sql';

/** What a step asks of the engine instead of finishing now. */
export type Suspension =
  /** Durable wait: no worker slot is held; the step succeeds at `until`. */
  | { kind: 'delay'; until: number; output?: unknown }
  /**
   * Child runs: one per entry of `children`, at most `concurrency` at a time. With
   * `wait`, the step finishes when all children have, its output being the child
   * outputs in order (`collect: 'array'`) or the single child's output
   * (`collect: 'single'`); a failed child fails the step. Without `wait` the step
   * succeeds as soon as the children are started.
   */
  | {
      kind: 'children';
      workflowId: string;
      children: unknown[];
      concurrency: number;
      wait: boolean;
      collect: 'array' | 'single';
    };

export type StepResult =
  /** `port` names the output port taken (default "out"); `if`/`switch` pick one. */
  { output: unknown; port?: string } | { suspend: Suspension };

export interface StepContext {
  run: { id: string; workflowId: string; attempt: number };
  nodeId: string;
  /** 1-based attempt of this step. */
  attempt: number;
  /** The run's input (the trigger payload). */
  input: unknown;
  /** Outputs of the steps that have finished so far, by node id. */
  steps: Record<string, unknown>;
  /** Outputs of this node's direct predecessors that ran, by node id. */
  predecessors: Record<string, unknown>;
  vars: Record<string, unknown>;
  /** Evaluates a JSONata expression over the run's expression context. */
  evaluate(expression: string): Promise<unknown>;
  clock: Clock;
  http: Http;
  sandbox: Sandbox;
  secrets: Secrets;
  logger: Logger;
  state: StateStore;
  /** Absent where no database can be reached (the engine's own tests, the browser). */
  database?: Database;
  /** Aborted when the step times out or the run is cancelled. */
  signal: AbortSignal;
  /**
   * Largest output the step may store, in bytes of JSON. The engine checks every output;
   * a step that can measure its output before materialising it (code) checks it there too.
   */
  maxOutputBytes: number;
}

export interface StepType<P extends z.ZodType = z.ZodType> {
  /** Part of the saved format: never rename. */
  id: string;
  version: number;
  displayName: string;
  category: StepCategory;
  description: string;
  /** Params schema; the designer builds the config form from it. */
  params: P;
  /** Kinds of top-level string params that are not plain templates. */
  paramKinds?: Partial<Record<string, ParamKind>>;
  /** Output ports for the given params (e.g. if: true/false; switch: its cases + default). */
  ports(params: z.infer<P>): string[];
  /** Triggers start a workflow; a workflow has exactly one. */
  trigger?: boolean;
  /** Pure and cheap: the runtime may run it inline without a queue hop. */
  inline?: boolean;
  /**
   * Reaches outside the process (network, a database): workflow tests must mock it, and a
   * test that does not fails rather than calling out.
   */
  io?: boolean;
  execute(params: z.infer<P>, ctx: StepContext): Promise<StepResult>;
}

export interface StepRegistry {
  get(id: string): StepType | undefined;
  list(): StepType[];
}

/** A failure a step reports on purpose; `retryable: false` skips remaining attempts. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly options: { retryable?: boolean; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'StepError';
  }
}

/**
 * Engine overhead per step, in process: a 1,000-step chain and a 1,000-wide fan-out of
 * trivial inline steps through `runInline` (advance + runStep + the driver). Everything a
 * step does is engine bookkeeping, so the time per step is the engine's overhead.
 *
 *   node --import tsx bench/engine.bench.ts
 */
import { createMemoryStateStore } from '../src/engine/state/memory-state-store';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import {
  runInline,
  type StepRegistry,
  type StepType,
  type WorkflowDefinition,
} from '../src/engine/index';

const SIZE = 1_000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 9;

const trigger: StepType = {
  id: 'trigger',
  version: 1,
  displayName: 'Trigger',
  category: 'trigger',
  description: 'bench trigger',
  params: z.object({}),
  ports: () => ['out'],
  trigger: true,
  inline: true,
  execute: async (_params, ctx) => ({ output: ctx.input }),
};

const step: StepType = {
  ...trigger,
  id: 'step',
  category: 'utility',
  description: 'bench step',
  trigger: false,
  execute: async (_params, ctx) => ({ output: ctx.attempt }),
};

const registry: StepRegistry = {
  get: (id) => (id === 'trigger' ? trigger : id === 'step' ? step : undefined),
  list: () => [trigger, step],
};

function chain(size: number): WorkflowDefinition {
  const nodes = [{ id: 't', type: 'trigger', params: {} }];
  const edges = [];
  for (let i = 0; i < size; i++) {
    nodes.push({ id: `s${i}`, type: 'step', params: {} });
    edges.push({ from: i === 0 ? 't' : `s${i - 1}`, to: `s${i}` });
  }
  return { schemaVersion: 1, name: 'chain', nodes, edges };
}

function fanOut(size: number): WorkflowDefinition {
  const nodes = [{ id: 't', type: 'trigger', params: {} }];
  const edges = [];
  for (let i = 0; i < size; i++) {
    nodes.push({ id: `s${i}`, type: 'step', params: {} });
    edges.push({ from: 't', to: `s${i}` });
  }
  return { schemaVersion: 1, name: 'fanout', nodes, edges };
}

const unavailable = () => Promise.reject(new Error('not in benchmarks'));
const ports = {
  clock: { now: () => Date.now() },
  timer: {
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        const handle = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
          clearTimeout(handle);
          resolve();
        });
      }),
  },
  http: { request: unavailable },
  sandbox: { run: unavailable },
  secrets: { get: () => Promise.resolve(undefined) },
  logger: { log: () => undefined },
  state: createMemoryStateStore(),
};

async function once(workflow: WorkflowDefinition, round: number): Promise<number> {
  const started = performance.now();
  const result = await runInline({ workflow, registry, ports, input: { round } });
  const elapsed = performance.now() - started;
  if (result.status !== 'succeeded') throw new Error(`bench run ${result.status}`);
  return (elapsed * 1000) / workflow.nodes.length;
}

/** Median microseconds per step over ROUNDS runs. */
async function measure(workflow: WorkflowDefinition): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) samples.push(await once(workflow, round));
  samples.sort((a, b) => a - b);
  return Math.round((samples[Math.floor(samples.length / 2)] ?? 0) * 100) / 100;
}

export async function run(): Promise<{
  engine_chain1000_us_per_step: number;
  engine_fanout1000_us_per_step: number;
}> {
  const workloads = { chain: chain(SIZE), fanOut: fanOut(SIZE) };
  // Steady state is what a long-running worker sees: let the JIT settle on both shapes first.
  for (let round = 0; round < WARMUP_ROUNDS; round++) {
    await once(workloads.chain, round);
    await once(workloads.fanOut, round);
  }
  return {
    engine_chain1000_us_per_step: await measure(workloads.chain),
    engine_fanout1000_us_per_step: await measure(workloads.fanOut),
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
}

import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition, WorkflowNode } from '../definition/workflow.schema';
import { seededRandom } from '../testing/memory-ports';
import { advance } from './advance';
import { attemptKey, type AttemptRecord } from './attempt-record';
import type { RunCommand } from './commands';
import type { RunEvent } from './events';
import { isNodeActive, isNodeFinal, isRunFinal, type RunState } from './run-state';
import { startRun } from './start-run';

/**
 * Random valid DAGs with random branches, failures, retries, merges, delays, timeouts and
 * child runs, driven by a simulated runtime that delivers work in random order and replays
 * old events. Every run must end with every node final and decisions consistent with the
 * edges: a node ran exactly when one of its incoming edges was live.
 */
type Rng = ReturnType<typeof seededRandom>;

interface Behaviour {
  kind: 'ok' | 'if' | 'fail' | 'flaky' | 'delay' | 'hang' | 'children';
  condition?: boolean;
  failures?: number;
  items?: number;
  childFails?: boolean;
}

function randomWorkflow(rng: Rng): {
  workflow: WorkflowDefinition;
  behaviour: Map<string, Behaviour>;
} {
  const n = 2 + rng.int(24);
  const nodes: WorkflowNode[] = [{ id: 'n0', type: 'trigger', params: {} }];
  const behaviour = new Map<string, Behaviour>([['n0', { kind: 'ok' }]]);
  const edges: WorkflowDefinition['edges'] = [];
  const kinds: Behaviour['kind'][] = [
    'ok',
    'ok',
    'if',
    'if',
    'fail',
    'flaky',
    'delay',
    'hang',
    'children',
  ];
  for (let i = 1; i < n; i++) {
    const id = `n${i}`;
    const kind = kinds[rng.int(kinds.length)] ?? 'ok';
    const node: WorkflowNode = {
      id,
      type: kind === 'ok' && rng.next() < 0.4 ? 'merge' : kind,
      params: {},
    };
    if (node.type === 'merge') node.params = { mode: rng.next() < 0.5 ? 'first' : 'all' };
    const onErrors = ['fail', 'continue', 'errorPort', 'errorPort', 'continue'] as const;
    node.onError = onErrors[rng.int(onErrors.length)];
    if (rng.next() < 0.4) {
      node.retry = {
        maxAttempts: 1 + rng.int(3),
        backoff: rng.next() < 0.5 ? 'fixed' : 'exponential',
        initialDelayMs: rng.int(50),
      };
    }
    if (kind === 'hang' || rng.next() < 0.2) node.timeoutMs = 10 + rng.int(100);
    nodes.push(node);
    behaviour.set(id, {
      kind,
      condition: rng.next() < 0.5,
      failures: rng.int(3),
      items: rng.int(4),
      childFails: rng.next() < 0.15,
    });
    const parents = new Set<number>();
    const count = 1 + rng.int(Math.min(3, i));
    while (parents.size < count) parents.add(rng.int(i));
    for (const p of parents) {
      const parent = nodes[p] as WorkflowNode;
      const parentKind = behaviour.get(parent.id)?.kind;
      let fromPort: string | undefined;
      if (parentKind === 'if') fromPort = rng.next() < 0.5 ? 'true' : 'false';
      else if (parent.onError === 'errorPort' && rng.next() < 0.3) fromPort = 'error';
      edges.push(fromPort ? { from: parent.id, to: id, fromPort } : { from: parent.id, to: id });
    }
  }
  return { workflow: { schemaVersion: 1, name: 'random', nodes, edges }, behaviour };
}

type Work =
  | { kind: 'step'; nodeId: string; attempt: number }
  | { kind: 'timer'; timerId: string; at: number }
  | { kind: 'child'; nodeId: string; attempt: number; index: number; fails: boolean };

function simulate(seed: number) {
  const rng = seededRandom(seed);
  const { workflow, behaviour } = randomWorkflow(rng);
  let state: RunState = startRun({ workflow, runId: 'r', workflowId: 'w', now: 0 });
  let now = 0;
  let bag: Work[] = [];
  const delivered: RunEvent[] = [];
  const finishes: RunCommand[] = [];
  /** The step history a runtime would store: the latest report of each attempt. */
  const history = new Map<string, AttemptRecord>();

  const send = (event: RunEvent) => {
    const before = state;
    // Odd seeds let advance update the node list in place; both modes must agree.
    const result = advance(state, event, {
      now,
      random: () => rng.next(),
      workflow,
      inPlace: seed % 2 === 1,
    });
    state = result.state;
    if (state !== before) delivered.push(event);
    else expect(result.attempts).toEqual([]);
    for (const record of result.attempts) {
      history.set(attemptKey(record.nodeId, record.attempt), record);
    }
    for (const c of result.commands) apply(c);
    checkCounts(state);
  };
  const apply = (c: RunCommand) => {
    const b = behaviour;
    switch (c.type) {
      case 'scheduleStep':
        bag.push({ kind: 'step', nodeId: c.nodeId, attempt: c.attempt });
        return;
      case 'startTimer':
        bag = bag.filter((w) => !(w.kind === 'timer' && w.timerId === c.timerId));
        bag.push({ kind: 'timer', timerId: c.timerId, at: c.at });
        return;
      case 'cancelTimer':
        if (rng.next() < 0.8)
          bag = bag.filter((w) => !(w.kind === 'timer' && w.timerId === c.timerId));
        return;
      case 'startChildRun':
        if (!c.detached) {
          bag.push({
            kind: 'child',
            nodeId: c.nodeId,
            attempt: c.attempt,
            index: c.index,
            fails: !!b.get(c.nodeId)?.childFails && c.index === 0,
          });
        }
        return;
      case 'finishRun':
        finishes.push(c);
        return;
      default:
        return; // cancellations are best effort: stale results must be harmless anyway
    }
  };

  send({ type: 'runStarted', input: { seed } });
  for (let i = 0; i < 20_000 && bag.length > 0; i++) {
    if (delivered.length > 0 && rng.next() < 0.1) {
      send(delivered[rng.int(delivered.length)] as RunEvent);
      continue;
    }
    const [work] = bag.splice(rng.int(bag.length), 1);
    if (!work) break;
    if (work.kind === 'timer') {
      now = Math.max(now, work.at);
      send({ type: 'timerFired', timerId: work.timerId });
    } else if (work.kind === 'child') {
      send({
        type: 'childRunFinished',
        nodeId: work.nodeId,
        attempt: work.attempt,
        index: work.index,
        status: work.fails ? 'failed' : 'succeeded',
        output: work.index,
      });
    } else {
      stepResult(work.nodeId, work.attempt, behaviour.get(work.nodeId), now, rng).forEach(send);
    }
  }
  return { workflow, state, finishes, history };
}

function stepResult(
  nodeId: string,
  attempt: number,
  b: Behaviour | undefined,
  now: number,
  rng: Rng,
): RunEvent[] {
  const events: RunEvent[] = rng.next() < 0.3 ? [{ type: 'stepStarted', nodeId, attempt }] : [];
  const ok = (port?: string): RunEvent => ({
    type: 'stepSucceeded',
    nodeId,
    attempt,
    output: nodeId,
    ...(port ? { port } : {}),
  });
  const fail: RunEvent = { type: 'stepFailed', nodeId, attempt, error: { message: 'x' } };
  switch (b?.kind) {
    case 'if':
      return [...events, ok(b.condition ? 'true' : 'false')];
    case 'fail':
      return [...events, fail];
    case 'flaky':
      return [...events, attempt <= (b.failures ?? 0) ? fail : ok()];
    case 'hang':
      return events;
    case 'delay':
      return [
        ...events,
        { type: 'stepSuspended', nodeId, attempt, suspension: { kind: 'delay', until: now + 5 } },
      ];
    case 'children': {
      const children = Array.from({ length: b.items ?? 0 }, (_, i) => i);
      const suspension = {
        kind: 'children',
        workflowId: 'c',
        children,
        concurrency: 1 + rng.int(2),
        wait: true,
        collect: 'array',
      } as const;
      return [...events, { type: 'stepSuspended', nodeId, attempt, suspension }];
    }
    default:
      return [...events, ok()];
  }
}

/**
 * Every attempt a finished run's nodes made has a record, none is left 'waiting', and the
 * latest attempt's record says what the state says: a view may read either.
 */
function expectHistoryAgrees(state: RunState, history: Map<string, AttemptRecord>) {
  for (const record of history.values()) expect(record.status).not.toBe('waiting');
  for (const node of state.nodes) {
    for (let attempt = 1; attempt <= node.attempts; attempt++) {
      expect(history.has(attemptKey(node.id, attempt)), `${node.id} #${attempt}`).toBe(true);
    }
    if (node.attempts === 0) continue;
    const latest = history.get(attemptKey(node.id, node.attempts));
    expect(latest?.status, node.id).toBe(node.status);
    if (node.status === 'succeeded') expect(latest?.output).toEqual(node.output);
  }
}

function checkCounts(state: RunState) {
  const open = state.nodes.filter((n) => !isNodeFinal(n.status)).length;
  const active = state.nodes.filter((n) => isNodeActive(n.status)).length;
  const waiting = state.nodes.filter((n) => n.status === 'waiting').length;
  expect(state.counts).toEqual({ open, active, waiting });
}

describe('advance: random workflows (property)', () => {
  it.each(Array.from({ length: 300 }, (_, i) => i + 1))(
    'seed %i terminates consistently',
    (seed) => {
      const { workflow, state, finishes, history } = simulate(seed);
      expect(isRunFinal(state.status)).toBe(true);
      expect(finishes).toHaveLength(1);
      for (const node of state.nodes) expect(isNodeFinal(node.status)).toBe(true);
      expectHistoryAgrees(state, history);

      const failedHard = workflow.nodes.some((node, i) => {
        const s = state.nodes[i];
        return s?.status === 'failed' && (node.onError ?? 'fail') === 'fail';
      });
      expect(state.status).toBe(failedHard ? 'failed' : 'succeeded');
      if (state.status !== 'succeeded') return;

      // On success every node's fate follows from its incoming edges.
      const byId = new Map(state.nodes.map((n) => [n.id, n]));
      workflow.nodes.forEach((node, i) => {
        const incoming = workflow.edges.filter((e) => e.to === node.id);
        if (incoming.length === 0) return;
        const live = incoming.some((e) => {
          const from = byId.get(e.from);
          return from?.port !== undefined && from.port === (e.fromPort ?? 'out');
        });
        expect(state.nodes[i]?.status === 'skipped').toBe(!live);
      });
    },
  );
});

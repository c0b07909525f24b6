import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunEventHub, type RunEvent, type RunEventListener } from './run-event-hub';

const change = (
  runId: string,
  workflowId: string,
  parentRunId: string | null = null,
): RunEvent => ({
  runId,
  workflowId,
  workspaceId: 'ws',
  status: 'running',
  parentRunId,
});

function fakeStream() {
  const stream = { opened: 0, closed: 0, emit: (() => undefined) as RunEventListener };
  const open = (onEvent: RunEventListener) => {
    stream.opened++;
    stream.emit = onEvent;
    return () => {
      stream.closed++;
    };
  };
  return { stream, hub: new RunEventHub(open) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('RunEventHub', () => {
  it('serves every view of a page from one stream, each through its own filter', () => {
    const { stream, hub } = fakeStream();
    const all = vi.fn();
    const ofRun = vi.fn();
    const ofWorkflow = vi.fn();
    hub.subscribe({}, all);
    hub.subscribe({ runId: 'r1' }, ofRun);
    hub.subscribe({ workflowId: 'w2' }, ofWorkflow);
    expect(stream.opened).toBe(1);

    stream.emit(change('r1', 'w1'));
    stream.emit(change('child', 'w2', 'r1'));
    stream.emit(change('r3', 'w3'));
    expect(all).toHaveBeenCalledTimes(3);
    expect(ofRun.mock.calls.map(([e]) => (e as RunEvent).runId)).toEqual(['r1', 'child']);
    expect(ofWorkflow.mock.calls.map(([e]) => (e as RunEvent).runId)).toEqual(['child']);
  });

  it('passes a resync to every view, and gives one to a view that joins an open stream', async () => {
    const { stream, hub } = fakeStream();
    const first = vi.fn();
    const second = vi.fn();
    hub.subscribe({ runId: 'r1' }, first);
    stream.emit(null);
    expect(first).toHaveBeenCalledWith(null);
    hub.subscribe({ runId: 'r2' }, second);
    await Promise.resolve();
    expect(second).toHaveBeenCalledWith(null);
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('keeps the stream through a page change and closes it once nobody listens', () => {
    const { stream, hub } = fakeStream();
    const leave = hub.subscribe({}, vi.fn());
    leave();
    vi.advanceTimersByTime(500);
    const leaveAgain = hub.subscribe({}, vi.fn());
    vi.advanceTimersByTime(5_000);
    expect(stream).toMatchObject({ opened: 1, closed: 0 });
    leaveAgain();
    vi.advanceTimersByTime(5_000);
    expect(stream).toMatchObject({ opened: 1, closed: 1 });
    hub.subscribe({}, vi.fn());
    expect(stream.opened).toBe(2);
  });

  it('delivers to a listener subscribed twice, once per subscription', () => {
    const { stream, hub } = fakeStream();
    const listener = vi.fn();
    const leave = hub.subscribe({}, listener);
    hub.subscribe({}, listener);
    stream.emit(change('r1', 'w1'));
    expect(listener).toHaveBeenCalledTimes(2);
    leave();
    stream.emit(change('r1', 'w1'));
    expect(listener).toHaveBeenCalledTimes(3);
  });
});

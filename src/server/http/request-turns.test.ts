import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { RequestTurns } from './request-turns';

class FakeResponse extends EventEmitter {
  destroyed = false;
  writableEnded = false;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  end(body?: string) {
    this.body = body;
    this.writableEnded = true;
    this.emit('close');
  }
  finish() {
    this.writableEnded = true;
    this.emit('close');
  }
}

const response = () => new FakeResponse() as FakeResponse & ServerResponse;

describe('RequestTurns', () => {
  it('lets requests through a few at a time, the rest in order as turns free', () => {
    const turns = new RequestTurns(2, 10, 'sign-ins');
    const started: number[] = [];
    const responses = [0, 1, 2, 3].map(() => response());
    responses.forEach((res, i) => turns.enter(res, () => started.push(i)));
    expect(started).toEqual([0, 1]);
    expect(turns.load()).toEqual({ running: 2, waiting: 2 });
    responses[1]!.finish();
    expect(started).toEqual([0, 1, 2]);
    responses[0]!.finish();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(turns.load()).toEqual({ running: 2, waiting: 0 });
  });

  it('skips a request whose client left while it waited', () => {
    const turns = new RequestTurns(1, 10, 'sign-ins');
    const started: string[] = [];
    const first = response();
    const gone = response();
    turns.enter(first, () => started.push('first'));
    turns.enter(gone, () => started.push('gone'));
    turns.enter(response(), () => started.push('third'));
    gone.destroyed = true;
    first.finish();
    expect(started).toEqual(['first', 'third']);
  });

  it('answers 503 naming what is busy once too many wait, and lets none of them through', () => {
    const turns = new RequestTurns(1, 1, 'sign-ins');
    turns.enter(response(), () => {});
    turns.enter(response(), () => {});
    const refused = response();
    let ran = false;
    turns.enter(refused, () => (ran = true));
    expect(ran).toBe(false);
    expect(refused.status).toBe(503);
    expect(refused.headers!['retry-after']).toBe('1');
    expect(JSON.parse(refused.body!)).toEqual({
      error: { message: 'Too many sign-ins at once: try again in a moment' },
    });
  });
});

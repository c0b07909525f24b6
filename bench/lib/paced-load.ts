/**
 * An open-loop load at an even pace, measured as wrk2 measures it: each request has an
 * intended send time (start + i / rate) and its latency counts from then, so a server that
 * stalls is charged for the requests it kept waiting (no coordinated omission).
 *
 * autocannon's `overallRate` is not a pace: each connection sends back to back until it has
 * made its share for the second, then idles until the next second, so "2,000/s" arrives as a
 * burst at full speed and its latency is that of a saturated server.
 *
 * The client is lean on purpose (raw sockets, one prepared request, responses framed by
 * Content-Length or chunked encoding): its own stalls would be charged to the server.
 *
 * Run as a script (`node --import tsx bench/lib/paced-load.ts '<options as JSON>'`) it prints
 * its result as JSON, so a load can come from its own process.
 */
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export interface PacedLoadOptions {
  url: string;
  method?: string;
  /** Requests per second, spread evenly. */
  rate: number;
  /** Requests in all; without it the load runs until stopped. */
  amount?: number;
  /** Keep-alive connections; a request finding them all busy waits (and is charged). */
  connections?: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface PacedLoadResult {
  sent: number;
  answered: number;
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  /**
   * The generator's own event-loop delay (ms): its stalls delay sends and reads and are
   * charged to the server, so a figure near the latency's means a busy generator.
   */
  generatorDelay: { p99: number; max: number };
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

/** The length of the first complete response in `buffer` and its status, if there is one. */
function frame(buffer: Buffer): { length: number; status: number } | undefined {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headerEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const bodyStart = headerEnd + 4;
  const declared = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (declared) {
    const length = bodyStart + Number(declared[1]);
    return buffer.length >= length ? { length, status } : undefined;
  }
  if (head.includes('transfer-encoding: chunked')) {
    const end = buffer.indexOf(CHUNKED_END, bodyStart - 2);
    return end < 0 ? undefined : { length: end + CHUNKED_END.length, status };
  }
  return { length: bodyStart, status };
}

export function pacedLoad(options: PacedLoadOptions): {
  stop: () => void;
  done: Promise<PacedLoadResult>;
} {
  const url = new URL(options.url);
  const body = Buffer.from(options.body ?? '');
  const headers = {
    host: url.host,
    ...(body.length > 0 || options.method ? { 'content-length': String(body.length) } : {}),
    ...options.headers,
  };
  const request = Buffer.concat([
    Buffer.from(
      `${options.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1\r\n` +
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('') +
        '\r\n',
      'latin1',
    ),
    body,
  ]);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const waiting: number[] = [];
  let waitingHead = 0;
  let sent = 0;
  let errors = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const limit = () => (stopped ? sent : (options.amount ?? Infinity));
  const settle = () => {
    if (latencies.length + errors >= limit()) finish();
  };

  interface Connection {
    socket: net.Socket;
    buffer: Buffer;
    /** The intended moment of the request in flight on it, if any. */
    inFlight?: number;
  }
  const idle: Connection[] = [];
  const dispatch = () => {
    while (idle.length > 0 && waitingHead < waiting.length) {
      const connection = idle.pop()!;
      connection.inFlight = waiting[waitingHead++];
      connection.socket.write(request);
    }
    if (waitingHead > 4096 && waitingHead === waiting.length) {
      waiting.length = 0;
      waitingHead = 0;
    }
  };
  const open = (): void => {
    const socket = net.connect(Number(url.port || 80), url.hostname);
    socket.setNoDelay(true);
    const connection: Connection = { socket, buffer: Buffer.alloc(0) };
    socket.on('connect', () => {
      idle.push(connection);
      dispatch();
    });
    socket.on('data', (chunk: Buffer) => {
      connection.buffer =
        connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
      const response = frame(connection.buffer);
      if (!response || connection.inFlight === undefined) return;
      connection.buffer = connection.buffer.subarray(response.length);
      latencies.push(performance.now() - connection.inFlight);
      connection.inFlight = undefined;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      idle.push(connection);
      dispatch();
      settle();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      const index = idle.indexOf(connection);
      if (index >= 0) idle.splice(index, 1);
      if (connection.inFlight !== undefined) {
        errors++;
        settle();
      }
      if (!stopped && sent < limit()) open();
    });
    sockets.push(socket);
  };
  const sockets: net.Socket[] = [];
  for (let i = 0; i < (options.connections ?? 20); i++) open();

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = performance.now();
  // A timer fires about once a millisecond: each tick queues every request due by then,
  // each stamped with its own intended moment.
  const tick = () => {
    const due = Math.min(limit(), Math.floor((performance.now() - start) / interval) + 1);
    while (sent < due) waiting.push(start + sent++ * interval);
    dispatch();
    if (sent < limit()) timer = setTimeout(tick, 1);
    else settle();
  };
  tick();

  const done = finished.then(() => {
    delay.disable();
    for (const socket of sockets) socket.destroy();
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    // Nearest rank, as bench-db's percentile (not imported: it would load Prisma here).
    const at = (p: number) => {
      const index = Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1);
      return Math.round((latencies[Math.max(0, index)] ?? 0) * 100) / 100;
    };
    return {
      sent,
      answered: latencies.length,
      errors,
      statuses,
      seconds: Math.round(seconds * 100) / 100,
      rps: Math.round(sent / seconds),
      latency: { p50: at(50), p90: at(90), p99: at(99), max: at(100) },
      generatorDelay: {
        p99: Math.round(delay.percentile(99) / 1e4) / 100,
        max: Math.round(delay.max / 1e4) / 100,
      },
    };
  });
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      settle();
    },
    done,
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const result = await pacedLoad(JSON.parse(process.argv[2]!) as PacedLoadOptions).done;
  console.log(JSON.stringify(result));
  process.exit(0);
}

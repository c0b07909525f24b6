import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpRequest } from "../../engine/ports";
import { StepError } from "../../engine/steps/step-type";
import { GuardedHttp, type GuardedHttpOptions } from "./guarded-http";

let server: Server;
let base: string;
let port: number;
const seen: {
  url: string;
  method: string;
  headers: IncomingMessage["headers"];
  body: string;
}[] = [];

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({
    url: req.url ?? "",
    method: req.method ?? "",
    headers: req.headers,
    body,
  });
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const json = (status: number, value: unknown) => {
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
    });
    res.end(JSON.stringify(value));
  };
  const redirect = (status: number, location: string) => {
    res.writeHead(status, { location });
    res.end();
  };
  switch (path) {
    case "/json":
      return json(200, { ok: true, items: [1, 2] });
    case "/echo":
      return json(200, {
        method: req.method,
        body,
        auth: req.headers.authorization ?? null,
        host: req.headers.host,
      });
    case "/text":
      res.writeHead(200, { "content-type": "text/plain", "x-custom": "yes" });
      return void res.end("hello");
    case "/broken-json":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end("{not json");
    case "/gzip":
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
      });
      return void res.end(gzipSync(JSON.stringify({ zipped: true })));
    case "/status/503":
      return json(503, { error: "down" });
    case "/big":
      res.writeHead(200, {
        "content-type": "text/plain",
        "content-length": String(2 * 1024 * 1024),
      });
      return void res.end(Buffer.alloc(2 * 1024 * 1024, 97));
    case "/big-chunked": {
      res.writeHead(200, { "content-type": "text/plain" });
      for (let i = 0; i < 32; i++) res.write(Buffer.alloc(64 * 1024, 98));
      return void res.end();
    }
    case "/zip-bomb":
      res.writeHead(200, {
        "content-type": "text/plain",
        "content-encoding": "gzip",
      });
      return void res.end(gzipSync(Buffer.alloc(4 * 1024 * 1024, 0)));
    case "/hang":
      return; // never answers
    case "/r1":
      return redirect(302, "/r2");
    case "/r2":
      return redirect(307, `${base}/json`);
    case "/loop":
      return redirect(302, "/loop");
    case "/post-303":
      return redirect(303, "/echo");
    case "/keep-307":
      return redirect(307, "/echo");
    case "/to-metadata":
      return redirect(302, "http://169.254.169.254/latest/meta-data/");
    case "/to-file":
      return redirect(302, "file:///etc/passwd");
    case "/to-other-origin":
      return redirect(302, `http://other.test:${port}/echo`);
    default:
      return json(404, { error: "not found" });
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const clients: GuardedHttp[] = [];
afterAll(() => clients.forEach((c) => c.close()));
function client(
  options: GuardedHttpOptions = { allowPrivateNetwork: true },
): GuardedHttp {
  const c = new GuardedHttp(options);
  clients.push(c);
  return c;
}

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "GET",
  url,
  headers: {},
  timeoutMs: 5000,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

/** Names that resolve to the local test server, like an attacker's DNS would. */
const toLoopback = async () => [{ address: "127.0.0.1", family: 4 }];

describe("GuardedHttp with the private network allowed", () => {
  it("parses JSON, keeps text, and returns status and headers", async () => {
    const http = client();
    expect(await http.request(get(`${base}/json`))).toMatchObject({
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: { ok: true, items: [1, 2] },
    });
    expect(await http.request(get(`${base}/text`))).toMatchObject({
      status: 200,
      headers: { "x-custom": "yes" },
      body: "hello",
    });
    expect((await http.request(get(`${base}/broken-json`))).body).toBe(
      "{not json",
    );
    expect((await http.request(get(`${base}/gzip`))).body).toEqual({
      zipped: true,
    });
    expect(await http.request(get(`${base}/status/503`))).toMatchObject({
      status: 503,
      body: { error: "down" },
    });
  });

  it("sends method, headers and body", async () => {
    const res = await client().request(
      get(`${base}/echo`, {
        method: "POST",
        headers: { Authorization: "Bearer t", Host: "evil" },
        body: '{"a":1}',
      }),
    );
    expect(res.body).toEqual({
      method: "POST",
      body: '{"a":1}',
      auth: "Bearer t",
      host: `127.0.0.1:${port}`,
    });
  });

  it("follows redirects, re-checking every hop", async () => {
    const http = client();
    expect((await http.request(get(`${base}/r1`))).body).toEqual({
      ok: true,
      items: [1, 2],
    });
    expect(
      (
        await http.request(
          get(`${base}/post-303`, { method: "POST", body: "x" }),
        )
      ).body,
    ).toMatchObject({
      method: "GET",
      body: "",
    });
    expect(
      (
        await http.request(
          get(`${base}/keep-307`, { method: "POST", body: "x" }),
        )
      ).body,
    ).toMatchObject({
      method: "POST",
      body: "x",
    });
    const loop = await failure(http.request(get(`${base}/loop`)));
    expect(loop.message).toBe("Too many redirects (more than 5)");
    const metadata = await failure(http.request(get(`${base}/to-metadata`)));
    expect(metadata).toBeInstanceOf(StepError);
    expect(metadata.message).toMatch(
      /Refused to connect to 169\.254\.169\.254.*metadata/,
    );
    expect((metadata as StepError).options.retryable).toBe(false);
    expect(
      (await failure(http.request(get(`${base}/to-file`)))).message,
    ).toMatch(/only http and https/);
    const noFollow = client({ allowPrivateNetwork: true, maxRedirects: 0 });
    expect(await noFollow.request(get(`${base}/r1`))).toMatchObject({
      status: 302,
      headers: { location: "/r2" },
    });
  });

  it("does not hand credentials to another origin on redirect", async () => {
    const http = client({ allowPrivateNetwork: true, resolve: toLoopback });
    const res = await http.request(
      get(`${base}/to-other-origin`, {
        headers: { authorization: "Bearer t" },
      }),
    );
    expect(res.body).toMatchObject({ auth: null, host: `other.test:${port}` });
  });

  it("caps the response size, also when chunked or compressed", async () => {
    const http = client({
      allowPrivateNetwork: true,
      maxResponseBytes: 1024 * 1024,
    });
    for (const path of ["/big", "/big-chunked", "/zip-bomb"]) {
      const err = await failure(http.request(get(`${base}${path}`)));
      expect(err.message, path).toBe("Response body exceeds the limit of 1 MB");
    }
    expect((await http.request(get(`${base}/json`))).status).toBe(200);
  });

  it("times out, and honours the caller signal", async () => {
    const http = client();
    const started = performance.now();
    const err = await failure(
      http.request(get(`${base}/hang`, { timeoutMs: 200 })),
    );
    expect(err.message).toBe("Request timed out after 200 ms");
    expect((err as StepError).options.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    const controller = new AbortController();
    const pending = http.request(get(`${base}/hang`), controller.signal);
    controller.abort(new Error("run cancelled"));
    expect((await failure(pending)).message).toBe("run cancelled");
  });
});

describe("GuardedHttp SSRF guard (default options)", () => {
  it("refuses loopback and other private addresses without connecting", async () => {
    const http = client({});
    const before = seen.length;
    for (const url of [
      `${base}/json`,
      `http://[::1]:${port}/json`,
      `http://[::ffff:127.0.0.1]:${port}/json`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://0.0.0.0/",
      `http://localhost:${port}/json`,
    ]) {
      const err = await failure(http.request(get(url)));
      expect(err, url).toBeInstanceOf(StepError);
      expect(err.message, url).toMatch(/^Refused to connect to /);
      expect((err as StepError).options.retryable).toBe(false);
    }
    expect(seen.length).toBe(before);
  });

  it("checks the address a name resolves to at connect time", async () => {
    // A public-looking name whose DNS answer is loopback (as in DNS rebinding).
    const guarded = client({ resolve: toLoopback });
    const err = await failure(
      guarded.request(get(`http://rebind.example:${port}/json`)),
    );
    expect(err.message).toBe(
      "Refused to connect to rebind.example: 127.0.0.1 is a loopback address",
    );
    const mixed = client({
      resolve: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ],
    });
    expect(
      (await failure(mixed.request(get(`http://mixed.example:${port}/json`))))
        .message,
    ).toMatch(/loopback/);
    // The same name is reachable once the private network is allowed: the check is what stopped it.
    const allowed = client({ allowPrivateNetwork: true, resolve: toLoopback });
    expect(
      (await allowed.request(get(`http://rebind.example:${port}/json`))).body,
    ).toEqual({ ok: true, items: [1, 2] });
  });

  it("allowedCidrs opens only the listed addresses", async () => {
    const http = client({ allowedCidrs: ["127.0.0.1/32"] });
    expect((await http.request(get(`${base}/json`))).status).toBe(200);
    expect(
      (await failure(http.request(get(`http://127.0.0.2:${port}/json`))))
        .message,
    ).toMatch(/loopback/);
  });

  it("refuses bad URLs and URL credentials", async () => {
    const http = client();
    expect((await failure(http.request(get("not a url")))).message).toMatch(
      /Invalid URL/,
    );
    expect(
      (await failure(http.request(get("ftp://example.com/x")))).message,
    ).toMatch(/only http and https/);
    expect(
      (await failure(http.request(get(`http://u:p@127.0.0.1:${port}/`))))
        .message,
    ).toMatch(/Credentials/);
  });
});

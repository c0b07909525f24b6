import { promises as dns } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Http, HttpRequest, HttpResponse } from '../../engine/ports';
import { StepError } from '../../engine/steps/step-type';
import {
  createAddressPolicy,
  type AddressPolicy,
  type AddressPolicyOptions,
} from './address-policy';
import { flattenHeaders, parseBody, readBody } from './read-response';

/**
 * The Http port for workflow steps, guarded against SSRF. The address check runs inside
 * the socket's DNS lookup, i.e. on the very addresses the socket then connects to, so a
 * name that resolves to a public address when checked and a private one when used (DNS
 * rebinding) gets nowhere. IP literals skip DNS and are checked before connecting.
 * Redirects are followed by hand so every hop goes through the same check.
 *
 * Built on node:http rather than undici: it needs no extra dependency and its `lookup`
 * hook is all the guard needs.
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface GuardedHttpOptions extends AddressPolicyOptions {
  /** Largest response body accepted, after decompression. Default 10 MB. */
  maxResponseBytes?: number;
  /** Redirects followed (each re-checked); 0 returns 3xx responses as they are. Default 5. */
  maxRedirects?: number;
  /** Name resolution; tests swap it to point names at local servers. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  userAgent?: string;
}

/**
 * A further check of each host a request goes to (every redirect hop too), e.g. the
 * workspace's allowed hosts: the reason to refuse it, or undefined to go on.
 */
export type HostCheck = (hostname: string) => Promise<string | undefined>;

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Framing and routing headers are ours to set; letting steps set them invites smuggling. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
/** Credentials are not handed to another origin a server redirects to. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

const systemResolve = (hostname: string): Promise<ResolvedAddress[]> =>
  dns.lookup(hostname, { all: true, verbatim: true });

function refused(target: string, why: string): StepError {
  return new StepError(`Refused to connect to ${target}: ${why}`, {
    retryable: false,
  });
}

function guardedLookup(
  policy: AddressPolicy,
  resolve: (hostname: string) => Promise<ResolvedAddress[]>,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((found) => {
        const family =
          options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const candidates = family ? found.filter((a) => a.family === family) : found;
        const first = candidates[0];
        if (!first) {
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
          });
        }
        // Any forbidden answer refuses the name: picking only the good ones would let a
        // resolver that alternates answers choose for us.
        for (const a of candidates) {
          const why = policy.refusal(a.address);
          if (why) throw refused(hostname, why);
        }
        if (options.all) callback(null, candidates);
        else callback(null, first.address, first.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}

export class GuardedHttp implements Http {
  private readonly policy: AddressPolicy;
  private readonly lookup: LookupFunction;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(options: GuardedHttpOptions = {}) {
    this.policy = createAddressPolicy(options);
    this.lookup = guardedLookup(this.policy, options.resolve ?? systemResolve);
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.userAgent = options.userAgent ?? 'MiniFlow';
    this.agents = {
      'http:': new http.Agent({ keepAlive: true, lookup: this.lookup }),
      'https:': new https.Agent({ keepAlive: true, lookup: this.lookup }),
    };
  }

  request(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    return this.requestChecked(req, signal);
  }

  /** The same client, refusing the hosts `check` refuses. */
  withHostCheck(check: HostCheck): Http {
    return { request: (req, signal) => this.requestChecked(req, signal, check) };
  }

  private async requestChecked(
    req: HttpRequest,
    signal: AbortSignal | undefined,
    check?: HostCheck,
  ): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return await this.follow(req, combined, check);
    } catch (err) {
      if (signal?.aborted) throw signal.reason ?? err;
      if (timeout.aborted) {
        throw new StepError(`Request timed out after ${req.timeoutMs} ms`, {
          retryable: true,
        });
      }
      throw err;
    }
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  private async follow(
    req: HttpRequest,
    signal: AbortSignal,
    check: HostCheck | undefined,
  ): Promise<HttpResponse> {
    let url = await this.checkHost(this.checkUrl(req.url), check);
    let method = req.method.toUpperCase();
    let body = req.body;
    let headers = Object.fromEntries(
      Object.entries(req.headers)
        .map(([k, v]) => [k.toLowerCase(), v] as const)
        .filter(([k]) => !RESERVED_HEADERS.has(k)),
    );
    for (let redirects = 0; ; redirects++) {
      const res = await this.send(url, method, headers, body, signal);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode ?? 0) || !location || this.maxRedirects === 0) {
        const raw = await readBody(res, this.maxBytes);
        return {
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: method === 'HEAD' ? null : parseBody(raw, res.headers['content-type']),
        };
      }
      res.resume();
      if (redirects >= this.maxRedirects) {
        throw new StepError(`Too many redirects (more than ${this.maxRedirects})`, {
          retryable: false,
        });
      }
      const next = await this.checkHost(this.checkUrl(new URL(location, url).toString()), check);
      const status = res.statusCode;
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        // What browsers do; keeps a form POST from being replayed at the new address.
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        delete headers['content-type'];
      }
      if (next.origin !== url.origin) {
        headers = Object.fromEntries(
          Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k)),
        );
      }
      url = next;
    }
  }

  private async checkHost(url: URL, check: HostCheck | undefined): Promise<URL> {
    const why = await check?.(url.hostname);
    if (why) throw refused(url.host, why);
    return url;
  }

  private checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new StepError(`Invalid URL "${raw}"`, { retryable: false });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw refused(raw, `only http and https are allowed`);
    }
    if (url.username || url.password) {
      throw new StepError('Credentials in the URL are not allowed; use a header', {
        retryable: false,
      });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      // Literal addresses never reach the lookup hook, so they are judged here.
      const why = this.policy.refusal(host);
      if (why) throw refused(url.host, why);
    }
    return url;
  }

  private send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    const protocol = url.protocol as 'http:' | 'https:';
    const client = protocol === 'https:' ? https : http;
    const outgoing: Record<string, string> = {
      'user-agent': this.userAgent,
      'accept-encoding': 'gzip, deflate, br',
      ...headers,
    };
    if (body !== undefined) outgoing['content-length'] = String(Buffer.byteLength(body));
    return new Promise<IncomingMessage>((resolve, reject) => {
      let request: http.ClientRequest;
      try {
        request = client.request(url, {
          method,
          headers: outgoing,
          agent: this.agents[protocol],
          lookup: this.lookup,
          signal,
        });
      } catch (err) {
        // Node validates methods and header values synchronously.
        reject(
          new StepError(`Invalid request: ${(err as Error).message}`, {
            retryable: false,
          }),
        );
        return;
      }
      request.once('response', resolve);
      request.once('error', reject);
      request.end(body);
    });
  }
}

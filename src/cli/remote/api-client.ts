import { UsageError } from '../usage-error';
import type { RemoteTarget } from './remote-config';

/** A refusal from the server, with the problem document's detail and field errors. */
export class RemoteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

interface Problem {
  detail?: string;
  title?: string;
  errors?: { path: string; message: string }[];
}

function describe(status: number, body: unknown): string {
  const problem = (body ?? {}) as Problem;
  const fields = problem.errors?.map((e) => `  ${e.path}: ${e.message}`) ?? [];
  const head = problem.detail ?? problem.title ?? `HTTP ${status}`;
  return fields.length > 1 ? `${head}\n${fields.join('\n')}` : head;
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** Talks to /api/v1 of a MiniFlow server with an API key. */
export class ApiClient {
  constructor(private readonly target: RemoteTarget) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.target.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.target.apiKey}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new UsageError(`cannot reach ${this.target.url}: ${cause ?? (error as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new RemoteError(
          response.status,
          `${this.target.url} answered something other than JSON (HTTP ${response.status}); is MINIFLOW_URL a MiniFlow server?`,
        );
      }
    }
    if (response.status >= 400)
      throw new RemoteError(response.status, describe(response.status, parsed));
    return { status: response.status, body: parsed as T };
  }

  get<T>(path: string) {
    return this.request<T>('GET', path).then((a) => a.body);
  }
}

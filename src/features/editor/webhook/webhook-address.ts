/** The parts of a Webhook Trigger's params that make its address. */
export interface WebhookParams {
  path?: unknown;
  method?: unknown;
  secret?: unknown;
}

/** The URL a Webhook Trigger listens on, or undefined while its path is not set. */
export function webhookUrl(origin: string, workspaceSlug: string, params: WebhookParams) {
  if (typeof params.path !== 'string' || params.path === '') return undefined;
  const path = params.path.split('/').map(encodeURIComponent).join('/');
  return `${origin}/api/hooks/${encodeURIComponent(workspaceSlug)}/${path}`;
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A ready-to-paste `curl` call of the webhook, with a JSON body for methods that send one. */
export function curlExample(url: string, params: WebhookParams): string {
  const method = typeof params.method === 'string' ? params.method : 'POST';
  const lines = [`curl -X ${method} ${quote(url)}`];
  if (method !== 'GET' && method !== 'DELETE') {
    lines.push(`-H 'content-type: application/json'`, `-d '{"hello": "world"}'`);
  }
  if (typeof params.secret === 'string' && params.secret !== '') {
    lines.push(
      `-H "x-miniflow-timestamp: $(date +%s)"`,
      `-H 'x-miniflow-signature: v1=<hex HMAC-SHA256 of "v1:<timestamp>:${method}:<path?query>:<body>">'`,
    );
  }
  return lines.join(' \\\n  ');
}

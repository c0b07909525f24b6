import { handleWebhook } from '@/server/webhooks/handle-webhook';

// Webhooks start runs (Node-only runtime code) and must never be cached or prerendered.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ workspace: string; path: string[] }>;
}

async function handler(request: Request, context: Context): Promise<Response> {
  const { workspace, path } = await context.params;
  return handleWebhook(request, { target: { workspace, path: path.join('/') } });
}

// HEAD is exported so that Next does not answer it by running GET: a probe must not start
// a run. The service answers it 405 (or 404), as no webhook accepts HEAD.
export {
  handler as GET,
  handler as POST,
  handler as PUT,
  handler as PATCH,
  handler as DELETE,
  handler as HEAD,
};

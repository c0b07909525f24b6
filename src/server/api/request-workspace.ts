/**
 * The slug of the workspace a tRPC request is about: the `x-miniflow-workspace` header, or,
 * for subscriptions over server-sent events (EventSource cannot send headers), the
 * `workspace` connection parameter the client puts in the URL. Either way the procedure tier
 * then checks the caller's membership of it.
 */
export function requestWorkspaceSlug(
  req: Request,
  connectionParams: Readonly<Record<string, string | undefined>> | null,
): string | null {
  return req.headers.get('x-miniflow-workspace') ?? connectionParams?.workspace ?? null;
}

export const dynamic = 'force-dynamic';

/** Liveness: the process is up and serving. It never touches the database. */
export function GET() {
  return Response.json(
    { status: 'live', uptimeS: Math.round(process.uptime()) },
    { headers: { 'cache-control': 'no-store' } },
  );
}

import { handleOfrep } from '@/server/flags/ofrep';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ key?: string[] }> }) {
  const { key } = await params;
  if (key && key.length > 1)
    return Response.json(
      { errorCode: 'FLAG_NOT_FOUND', errorDetails: 'Unknown path' },
      { status: 404 },
    );
  return handleOfrep(request, key?.[0]);
}

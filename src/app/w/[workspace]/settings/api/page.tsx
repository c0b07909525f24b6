import { headers } from 'next/headers';
import { ApiReference, type ApiDocument } from '@/features/settings/api-reference';
import { publicOrigin } from '@/server/auth/public-origin';
import { openApiDocument } from '@/server/rest/openapi-document';

export const dynamic = 'force-dynamic';

export default async function ApiReferencePage() {
  const document = openApiDocument() as unknown as ApiDocument;
  const origin = publicOrigin(await headers()) ?? 'http://localhost:3000';
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">REST API reference</h1>
      <ApiReference document={document} origin={origin} />
    </>
  );
}

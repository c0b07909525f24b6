/** The parts of an OpenAPI 3.1 document the reference page shows. */
export interface ApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, ApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

interface ApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  'x-miniflow-role'?: string;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: unknown;
  }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema?: unknown }> }
  >;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `{"$ref": "#/components/schemas/Run"}` reads better as `Run`. */
function schemaText(schema: unknown): string {
  return JSON.stringify(
    schema,
    (_key, value: unknown) =>
      value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string'
        ? `→ ${value.$ref.split('/').pop()}`
        : value,
    2,
  );
}

function typeOf(schema: unknown): string {
  const s = schema as { type?: string; enum?: unknown[]; $ref?: string } | undefined;
  if (s?.enum) return s.enum.join(' | ');
  if (s?.$ref) return s.$ref.split('/').pop()!;
  return s?.type ?? 'any';
}

function Operation({ path, method, op }: { path: string; method: string; op: ApiOperation }) {
  const body = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
  return (
    <article
      id={op.operationId}
      aria-labelledby={`${op.operationId}-title`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${op.operationId}-title`} className="font-mono text-sm font-semibold">
        <span className="mr-2 rounded bg-slate-800 px-1.5 py-0.5 text-white">
          {method.toUpperCase()}
        </span>{' '}
        /api/v1{path}
      </h3>
      <p className="text-sm">
        {op.summary}
        {op['x-miniflow-role'] ? (
          <span className="ml-2 text-slate-600">(role: {op['x-miniflow-role']})</span>
        ) : null}
      </p>
      {op.parameters?.length ? (
        <table className="w-full text-left text-sm" aria-label={`Parameters of ${op.operationId}`}>
          <thead className="text-slate-600">
            <tr>
              <th className="pr-4 font-medium">Parameter</th>
              <th className="pr-4 font-medium">In</th>
              <th className="pr-4 font-medium">Type</th>
              <th className="font-medium">Description</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`}>
                <td className="pr-4 font-mono">
                  {p.name}
                  {p.required ? '' : '?'}
                </td>
                <td className="pr-4">{p.in}</td>
                <td className="pr-4 font-mono">{typeOf(p.schema)}</td>
                <td>{p.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {body ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Request body</summary>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
            {schemaText(body)}
          </pre>
        </details>
      ) : null}
      <ul className="space-y-1 text-sm">
        {Object.entries(op.responses).map(([status, response]) => {
          const schema = response.content ? Object.values(response.content)[0]?.schema : undefined;
          return (
            <li key={status}>
              <span className="font-mono">{status}</span> {response.description}
              {schema ? (
                <span className="font-mono text-slate-600">
                  {' '}
                  {schemaText(schema).length < 60 ? schemaText(schema) : ''}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </article>
  );
}

/** The REST API reference, rendered from the OpenAPI document the server serves. */
export function ApiReference({ document, origin }: { document: ApiDocument; origin: string }) {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  );
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">{document.info.description}</p>
      <p className="text-sm">
        Version {document.info.version}. The machine-readable document:{' '}
        <a href="/api/v1/openapi.json" className="text-brand-700 underline">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-white">
        {`curl -H "Authorization: Bearer $MINIFLOW_API_KEY" ${origin}/api/v1/workflows`}
      </pre>
      <nav aria-label="Operations">
        <ul className="columns-2 text-sm">
          {operations.map(({ path, method, op }) => (
            <li key={op.operationId}>
              <a href={`#${op.operationId}`} className="font-mono text-brand-700 hover:underline">
                {method.toUpperCase()} {path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-label="Operations" className="space-y-4">
        {operations.map(({ path, method, op }) => (
          <Operation key={op.operationId} path={path} method={method} op={op} />
        ))}
      </section>
      <section aria-labelledby="schemas-title" className="space-y-3">
        <h2 id="schemas-title" className="text-lg font-semibold">
          Schemas
        </h2>
        {Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => (
          <details key={name} id={`schema-${name}`}>
            <summary className="cursor-pointer font-mono text-sm">{name}</summary>
            <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
              {schemaText(schema)}
            </pre>
          </details>
        ))}
      </section>
    </div>
  );
}

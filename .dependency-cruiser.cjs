/**
 * The layering rule of docs/architecture (README "Architecture"): checked by `npm run check`.
 * Type-only imports are allowed across layers (the client needs the router's type).
 */
const notTypeOnly = { dependencyTypesNot: ['type-only'] };

module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment:
        'src/engine imports only itself and pure libraries: no Prisma, Next, React, Node I/O.',
      severity: 'error',
      from: { path: '^src/engine', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^src/engine', 'node_modules/(zod|jsonata|croner|yaml)/'],
        ...notTypeOnly,
      },
    },
    {
      name: 'engine-no-node-builtins',
      severity: 'error',
      from: { path: '^src/engine', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'routers-call-services-not-db',
      comment: 'Routers stay thin: data access goes through services.',
      severity: 'error',
      from: { path: '^src/server/api/routers' },
      to: { path: ['^src/server/db', '^src/generated'], ...notTypeOnly },
    },
    {
      name: 'rest-routes-call-procedures-not-db',
      comment: 'REST routes go through the tRPC caller (role tiers, services), never the database.',
      severity: 'error',
      from: { path: '^src/server/rest/routes' },
      to: { path: ['^src/server/db', '^src/generated'], ...notTypeOnly },
    },
    {
      name: 'ui-never-imports-server',
      comment: 'features and components reach the server only through trpc/react.',
      severity: 'error',
      from: { path: '^src/(features|components)' },
      to: { path: ['^src/server', '^src/generated', '^src/trpc/server'], ...notTypeOnly },
    },
    {
      name: 'cli-and-worker-never-import-next',
      severity: 'error',
      from: { path: ['^src/cli', '^src/server/runtime'] },
      to: { path: 'node_modules/next/', ...notTypeOnly },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, ...notTypeOnly },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^src/generated'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

#!/usr/bin/env node
// Launcher for `npx miniflow`: the CLI is TypeScript, compiled on the fly by tsx (no build
// step). tsImport scopes the TypeScript loader to the CLI's own module graph. The project's
// tsconfig is named explicitly because tsx otherwise looks for one from the working folder,
// and the `@/` path aliases would not resolve when miniflow runs from anywhere else.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/main.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
});

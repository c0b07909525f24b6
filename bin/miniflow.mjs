#!/usr/bin/env node
// Launcher for `npx miniflow`: the CLI is TypeScript, compiled on the fly by tsx (no build
// step). tsImport scopes the TypeScript loader to the CLI's own module graph.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/main.ts', import.meta.url);

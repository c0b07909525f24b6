/**
 * A second MiniFlow process holding the process's flag cache, for the test that a flag change
 * reaches other processes:  node --import tsx src/test/flag-cache-process.ts <workspaceId> <flagKey>
 * Reads DATABASE_URL; prints `variant <name>` once it has evaluated the flag, then again each
 * time the evaluation changes. It only ever reloads flags when a notice tells it to.
 */
import { flagCache } from '@/server/flags/flag-listener';

const [workspaceId, key] = process.argv.slice(2);
let shown: string | undefined;
for (;;) {
  const { variant } = (await flagCache().forWorkspace(workspaceId!)).set.evaluate(key!, {
    targetingKey: 'u1',
  });
  if (variant !== shown) {
    shown = variant;
    process.stdout.write(`variant ${variant}\n`);
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}

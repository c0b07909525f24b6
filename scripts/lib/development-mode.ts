/**
 * Imported first by scripts/start.ts: whether this is `npm run dev` must be known before
 * any server module loads, because the logger chooses its output (human-readable in
 * development, JSON otherwise) when it is first imported.
 */
if (process.argv.includes('--dev')) Object.assign(process.env, { NODE_ENV: 'development' });

/** Lines the AsyncFunction constructor puts before the user's code (`async function anonymous(…\n) {\n`). */
const HEADER_LINES = 2;
const MAX_FRAMES = 20;

/**
 * The stack of an error thrown by a code step, as the user wrote the code: frames inside
 * the user's code with their line numbers in it, the sandbox's own frames left out.
 * Undefined when there is no usable stack.
 */
export function codeStack(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  const [headline, ...rest] = raw.split('\n');
  const frames: string[] = [];
  for (const line of rest) {
    // e.g. "    at f (eval at <anonymous> (miniflow-code-step:1:68), <anonymous>:4:22)"
    const match = /^\s*at (?:(.+?) \()?eval at .*?, <anonymous>:(\d+):(\d+)\)?$/.exec(line);
    if (!match) continue;
    const name = match[1] && match[1] !== 'eval' ? match[1] : '<code>';
    frames.push(`    at ${name} (code:${Number(match[2]) - HEADER_LINES}:${match[3]})`);
    if (frames.length === MAX_FRAMES) break;
  }
  return frames.length ? [headline, ...frames].join('\n') : undefined;
}

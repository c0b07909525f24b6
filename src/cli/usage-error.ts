/** A mistake in how the command was called: reported without a stack, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes shared by every command, so scripts can tell "the run failed" from "you typed it wrong". */
export const EXIT = {
  ok: 0,
  /** The run failed or was cancelled. */
  failed: 1,
  /** Invalid definition, unreadable file or bad arguments. */
  invalid: 2,
} as const;

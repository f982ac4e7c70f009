/** A mistake in how the command was called: exit code 2 and the command's usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The code a usage error carries in `--json` error output. */
export const USAGE_ERROR_CODE = 'usage';

/** What `--json` writes to standard error for a failure: `{"error": {"code", "message"}}`. */
export function jsonError(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } }) + '\n';
}

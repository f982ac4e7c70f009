import { UsageError } from './errors.js';

/**
 * Secrets never come from flags (they would sit in shell history and `ps`): only from the
 * SEATWISE_SECRET environment variable or standard input with --secret-stdin.
 */
export async function readSecret(options: { stdin: boolean; required: boolean; command: string }): Promise<string | undefined> {
  if (options.stdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const value = Buffer.concat(chunks).toString('utf8').trim();
    if (!value) throw new UsageError('--secret-stdin was given but standard input was empty.', options.command);
    return value;
  }
  const fromEnv = process.env.SEATWISE_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (options.required) throw new UsageError('This needs a secret: set SEATWISE_SECRET or pipe it with --secret-stdin.', options.command);
  return undefined;
}

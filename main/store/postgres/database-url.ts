import { AppError } from '../../errors.js';

export const DATABASE_URL_ENV = 'SEATWISE_DATABASE_URL';

/** The database a command was given (`--database`, else SEATWISE_DATABASE_URL), checked. */
export function databaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flag ?? env[DATABASE_URL_ENV];
  if (url === undefined || url === '') return undefined;
  // Not new URL(): a Unix socket URL (postgres://user@/db?host=/run/postgresql) has no host.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) throw new AppError('invalid_input', `--database: "${describeDatabase(url)}" is not a URL; give postgres://USER@HOST/DATABASE (or ?host=/socket/folder).`);
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new AppError('invalid_input', `--database: Seatwise keeps a team server in PostgreSQL; "${scheme}://" is not postgres://.`);
  }
  return url;
}

/** The URL as it may be shown: never its password. */
export function describeDatabase(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** A connection failure as the admin can act on it; other errors pass through. */
export function databaseError(error: unknown, url: string): unknown {
  const code = (error as { code?: string }).code;
  const where = describeDatabase(url);
  if (code && UNREACHABLE.has(code)) return new AppError('unavailable', `Cannot reach the database ${where} (${code}): is PostgreSQL running there?`, true);
  if (code === '28P01' || code === '28000') return new AppError('unauthorized', `The database ${where} refused the sign-in (${code === '28P01' ? 'wrong password' : 'no such role or not allowed'}).`);
  if (code === '3D000') return new AppError('not_found', `The database in ${where} does not exist: create it first (createdb).`);
  return error;
}

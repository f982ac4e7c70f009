/**
 * `seatwise serve --database URL ...`: the same app as a team server. Its store is PostgreSQL,
 * its credentials are sealed in that database with the server's keys, and people sign in
 * through the company's OpenID Connect provider; the data folder only holds logs and exports.
 */
import { stringFlag, type Parsed } from '../args.js';
import type { CliContext } from '../command.js';
import { UsageError } from '../errors.js';
import type { TeamAccess } from '../../host/team/access.js';

export const TEAM_FLAGS = {
  database: { type: 'string' },
  'oidc-issuer': { type: 'string' },
  'oidc-client-id': { type: 'string' },
  'public-url': { type: 'string' },
  listen: { type: 'string' },
  'role-claim': { type: 'string' },
  'session-hours': { type: 'string' },
} as const;

export const OIDC_SECRET_ENV = 'SEATWISE_OIDC_CLIENT_SECRET';

export interface TeamServer {
  access: TeamAccess;
  listenHost: string;
  publicUrl: string;
}

/** A team server's parts from its flags; undefined when no database is given (single user). */
export async function teamServerFrom(ctx: CliContext, p: Parsed, command: string): Promise<TeamServer | undefined> {
  const { databaseUrl, databaseError } = await import('../../store/postgres/database-url.js');
  const url = databaseUrl(stringFlag(p, 'database'));
  if (!url) {
    const stray = Object.keys(TEAM_FLAGS).find((flag) => flag !== 'database' && p.values[flag] !== undefined);
    if (stray) throw new UsageError(`--${stray} is for a team server: give --database (or SEATWISE_DATABASE_URL) too.`, command);
    return undefined;
  }
  const need = (flag: string): string => {
    const value = stringFlag(p, flag);
    if (!value) throw new UsageError(`A team server needs --${flag}.`, command);
    return value;
  };
  const issuer = need('oidc-issuer');
  const clientId = need('oidc-client-id');
  let publicUrl: URL;
  try {
    publicUrl = new URL(need('public-url'));
  } catch {
    throw new UsageError(`--public-url: "${stringFlag(p, 'public-url')}" is not a URL (e.g. https://seatwise.example.com).`, command);
  }
  if (publicUrl.pathname !== '/' || publicUrl.search) throw new UsageError('--public-url: give the origin only (https://seatwise.example.com), no path.', command);
  const sessionHours = stringFlag(p, 'session-hours') === undefined ? 12 : Number(stringFlag(p, 'session-hours'));
  if (!Number.isInteger(sessionHours) || sessionHours < 1 || sessionHours > 24 * 14) throw new UsageError('--session-hours must be a whole number from 1 to 336.', command);

  const [{ KeyRing, SECRET_KEY_FILE_ENV }, { PostgresStore }, { OidcSignIn }, { TeamAccess }, { effectiveRoles }] = await Promise.all([
    import('../../vault/key-ring.js'),
    import('../../store/postgres/postgres-store.js'),
    import('../../host/team/oidc.js'),
    import('../../host/team/access.js'),
    import('../../settings/roles.js'),
  ]);
  const keys = KeyRing.fromEnvironment();
  if (!keys) throw new UsageError(`A team server seals credentials with its own keys: set ${SECRET_KEY_FILE_ENV} to a key file (a line "k1 $(openssl rand -base64 32)", mode 600).`, command);
  const signIn = await OidcSignIn.discover({
    issuer,
    clientId,
    clientSecret: process.env[OIDC_SECRET_ENV] || undefined,
    redirectUri: new URL('/auth/callback', publicUrl).href,
    roleClaim: stringFlag(p, 'role-claim') ?? 'seatwise_roles',
  });
  const store = await PostgresStore.open({ url, workDir: ctx.dataDir }).catch((error: unknown) => {
    throw databaseError(error, url);
  });
  try {
    await ctx.openApp({ store, vault: store.secrets(keys), control: false, shared: true });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    access: new TeamAccess({ signIn, publicUrl, sessions: store.sessions(), sessionHours, rolesFor: (person, fromToken) => effectiveRoles(store.root, person, fromToken) }),
    listenHost: stringFlag(p, 'listen') ?? '0.0.0.0',
    publicUrl: publicUrl.origin,
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { CSV_BASE_URL } from '../../../connectors/csv/descriptor.js';
import { MAPPING_FIELDS, MAX_EXPORT_BYTES } from '../../../connectors/csv/export-file.js';
import type { ZodError } from 'zod';
import { VENDORS, type GrantType, type Vendor } from '../../../connectors/types.js';
import type { CreateProfileInput, MethodOutput, ProfileDetail } from '../../../preload/contract.js';
import { createProfileInputSchema, updateProfileInputSchema } from '../../../preload/contract.js';
import { DEFAULT_LOOKBACK_DAYS } from '../../profiles/defaults.js';
import { KeytarSecretStore } from '../../vault/keytar-store.js';
import { KeychainUnavailableError, secretAccount, type SecretStore } from '../../vault/secret-store.js';
import { intFlag, parse, requireFlag, stringFlag, type Parsed } from '../args.js';
import type { Command, CliContext, DataAccess } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';
import { askYesNo } from '../prompt.js';
import { readSecret } from '../secrets.js';
import { closest } from '../suggest.js';
import { connectionOptionProblems } from '../../../preload/contract/connection-option-check.js';
import { onOffFlag } from './rules.js';
import { printJobSummary, waitForJob } from './sync.js';

/** The --auth spellings and the grant each one means. */
export const AUTH: Record<string, GrantType> = {
  oauth: 'authorization_code',
  'client-credentials': 'client_credentials',
  token: 'token',
  'api-key': 'api_key',
};
/** The --auth spelling of a grant, for messages and listings (`client-credentials`, not `client_credentials`). */
export const authFlagOf = (grant: string): string => Object.entries(AUTH).find(([, g]) => g === grant)?.[0] ?? grant;

const SECRET_KIND: Record<GrantType, 'token' | 'clientSecret' | 'apiKey'> = {
  token: 'token',
  api_key: 'apiKey',
  client_credentials: 'clientSecret',
  authorization_code: 'clientSecret',
};

/** Flags that set a connection option (ConnectionSettings.options), per vendor that reads it. */
const OPTION_FLAGS = [
  ['workspace', 'workspace'],
  ['org', 'org'],
  ['tenant', 'tenant'],
  ['account-id', 'accountId'],
  ['token-kind', 'tokenKind'],
  ['file', 'file'],
] as const;

/** Connection fields with a flag of their own. */
const CONNECTION_FLAGS = [
  ['url', 'baseUrl'],
  ['client-id', 'clientId'],
  ['token-url', 'tokenUrl'],
  ['authorize-url', 'authorizeUrl'],
  ['revoke-url', 'revokeUrl'],
  ['username', 'username'],
] as const;

/**
 * Where each field of the contract's profile input comes from on the command line: a refusal
 * names the flag the person typed, never the contract's path (`--url`, not `connection.baseUrl`).
 */
const FLAG_OF_PATH: Record<string, string> = {
  name: '--name',
  vendor: '--vendor',
  preset: '--preset',
  'connection.grantType': '--auth',
  'connection.scopes': '--scopes',
  'connection.redirectPort': '--redirect-port',
  'processes.activity.lookbackDays': '--lookback-days',
  'processes.activity.enabled': '--activity',
  'processes.reclaim.enabled': '--reclaim',
  ...Object.fromEntries(CONNECTION_FLAGS.map(([flag, field]) => [`connection.${field}`, `--${flag}`])),
  ...Object.fromEntries(OPTION_FLAGS.map(([flag, field]) => [`connection.options.${field}`, `--${flag}`])),
};

/** A zod refusal of the profile input in flag words: `--url must be a URL such as https://example.com, not "x".` */
export function describeFlagIssues(error: ZodError, given: Record<string, string | undefined>): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const at = issue.path.map(String);
      let flag: string | undefined;
      for (let n = at.length; n > 0 && !flag; n--) flag = FLAG_OF_PATH[at.slice(0, n).join('.')];
      if (!flag) return at.length ? `${at.join('.')}: ${issue.message}` : issue.message;
      const value = given[flag];
      if (flag.endsWith('url') && value !== undefined) return `${flag} must be a URL such as https://example.com, not "${value}".`;
      return `${flag}: ${issue.message}${value !== undefined ? ` (given "${value}")` : ''}.`;
    })
    .join(' ');
}

const NAME = 'profiles';
const READS = new Set(['list', 'show']);

export const profilesCommand: Command = {
  name: NAME,
  summary: 'Add, list, show, change, validate, publish and remove integration profiles; replace their secrets',
  usage: [
    `seatwise profiles add --vendor ${VENDORS.join('|')} --name NAME`,
    '                      --auth oauth|client-credentials|token|api-key',
    '                      [--url BASE] [--client-id ID] [--token-url URL] [--authorize-url URL] [--revoke-url URL]',
    '                      [--scopes "a b"] [--username U] [--workspace GID] [--preset scim] [--lookback-days N]',
    '                      [--org ORG] [--tenant TENANT] [--account-id ACCOUNT] [--token-kind personal|service-account]',
    '                      [--file FILE]',
    '                      [--no-activity] [--redirect-port N] [--secret-stdin] [--json]',
    'seatwise profiles set NAME [--activity on|off] [--lookback-days N] [--reclaim on|off] [--url BASE] [--client-id ID]',
    '                      [--token-url URL] [--authorize-url URL] [--revoke-url URL] [--username U] [--scopes "a b"]',
    '                      [--redirect-port N] [--workspace GID] [--org ORG] [--tenant TENANT] [--account-id ACCOUNT]',
    '                      [--token-kind personal|service-account] [--json]',
    'seatwise profiles secret NAME [--secret-stdin] [--no-validate] [--json]',
    'seatwise profiles list [--json]',
    'seatwise profiles show NAME [--json]',
    'seatwise profiles validate NAME [--json]',
    'seatwise profiles publish NAME [--json]',
    'seatwise profiles remove NAME [--yes]',
    'seatwise profiles link NAME --idp IDP_PROFILE --idp-app APP_ID [--json]',
    'seatwise profiles unlink NAME [--json]',
    'seatwise profiles add --vendor csv --name NAME --file users.csv [--email-column H] [--name-column H]',
    '                      [--license-column H] [--last-active-column H|--no-last-active] [--json]',
    'seatwise profiles import NAME --file users.csv [the same column flags] [--json]',
    '',
    'An app with no API (--vendor csv) is read from its user export: "add" imports the first one and publishes the',
    'profile, "import" is its sync (a file with a bad row imports nothing and names the line). The columns are',
    'guessed from the header row (Email, Name, License, Last active, ...) and remembered; the column flags name',
    'them when the guess is wrong. Without a last-active column activity comes only from an identity provider link.',
    'A scheduled sync of such a profile keeps the last import\'s seats and reads SSO sign-ins again.',
    '',
    '--org is GitHub\'s organization, --tenant the Microsoft 365 / Entra tenant, --account-id the Zoom account;',
    '--token-kind service-account says an Asana token is a service account\'s: only such a token reads the audit log',
    '(activity, and paused licenses that are not paid seats).',
    '--file is kept for a file-based (csv) source. --redirect-port pins the sign-in callback to http://127.0.0.1:N/callback,',
    'for vendors that need that exact redirect URI registered.',
    '"profiles secret" replaces the token, API key or client secret in the keychain (from SEATWISE_SECRET or',
    '--secret-stdin): it is checked at the vendor first, and the old one is kept when the vendor refuses it.',
    'It is also the way back after "seatwise disconnect" for a token or API-key profile.',
    '"profiles remove" asks first; without a terminal it needs --yes.',
  ].join('\n'),
  examples: [
    'SEATWISE_SECRET=$ASANA_PAT seatwise profiles add --vendor asana --name "Asana" --auth token --url https://app.asana.com/api/1.0',
    'seatwise profiles publish "Asana"',
    'SEATWISE_SECRET=$NEW_ASANA_PAT seatwise profiles secret "Asana"',
    'seatwise profiles set "Asana" --lookback-days 45',
    'seatwise profiles add --vendor csv --name "Design tool" --file users.csv',
    'seatwise profiles import "Design tool" --file users-october.csv',
  ],
  access: (argv): DataAccess => (argv[0] === 'add' ? 'create' : READS.has(argv[0] ?? '') ? 'read' : 'write'),
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'add':
        return add(ctx, rest);
      case 'list':
        return list(ctx, rest);
      case 'set':
        return set(ctx, rest);
      case 'secret':
        return secret(ctx, rest);
      case 'show':
        return show(ctx, rest);
      case 'validate':
        return validate(ctx, rest);
      case 'publish':
        return publish(ctx, rest);
      case 'remove':
        return remove(ctx, rest);
      case 'link':
        return link(ctx, rest);
      case 'unlink':
        return unlink(ctx, rest);
      case 'import':
        return importCsv(ctx, rest);
      default: {
        const near = sub ? closest(sub, ['add', 'list', 'set', 'secret', 'show', 'validate', 'publish', 'remove', 'link', 'unlink', 'import']) : undefined;
        throw new UsageError(sub ? `Unknown profiles subcommand "${sub}".${near ? ` Did you mean "${near}"?` : ''}` : 'profiles needs a subcommand.', NAME);
      }
    }
  },
};

/** The column flags of a CSV app's import: --email-column, --name-column, --license-column, --last-active-column. */
const COLUMN_FLAGS = {
  ...Object.fromEntries(MAPPING_FIELDS.map((f) => [f.flag.slice(2), { type: 'string' as const }])),
  'no-last-active': { type: 'boolean' as const },
};

function columnMapping(p: Parsed): Record<string, string | null> | undefined {
  const mapping: Record<string, string | null> = {};
  for (const { field, flag } of MAPPING_FIELDS) {
    const value = stringFlag(p, flag.slice(2));
    if (value === undefined) continue;
    if (!value.trim()) throw new UsageError(`${flag} needs the column's header.`, NAME);
    mapping[field] = value.trim();
  }
  if (p.values['no-last-active'] === true) {
    if (mapping.lastActive !== undefined) throw new UsageError('--last-active-column and --no-last-active say two different things: give one.', NAME);
    mapping.lastActive = null;
  }
  return Object.keys(mapping).length ? mapping : undefined;
}

/** The export's text, read here: the app is sent the text, never a path it might not be able to open. */
function readExport(file: string): { content: string; fileName: string } {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new UsageError(`--file ${file} is not a file.`, NAME);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, NAME);
  }
  if (size > MAX_EXPORT_BYTES) {
    throw new UsageError(`--file ${file} is ${(size / 1024 / 1024).toFixed(1)} MB; Seatwise imports exports of at most ${MAX_EXPORT_BYTES / 1024 / 1024} MB (one row per user). Export only the users, or split the file.`, NAME);
  }
  return { content: fs.readFileSync(file, 'utf8'), fileName: path.basename(file) };
}

/** `profiles add --vendor csv`: the profile, then its first import (which publishes it); a refused file leaves no profile behind. */
async function addCsv(ctx: CliContext, p: Parsed): Promise<number> {
  const name = requireFlag(p, 'name', NAME);
  const file = requireFlag(p, 'file', NAME);
  for (const flag of ['auth', 'url', 'client-id', 'secret-stdin']) {
    if (p.values[flag] !== undefined) throw new UsageError(`--${flag} is not used by --vendor csv: a CSV app has no API and no credential.`, NAME);
  }
  const mapping = columnMapping(p);
  const { content, fileName } = readExport(file);
  await ctx.openApp();
  const lookbackDays = intFlag(p, 'lookback-days', NAME, { min: 1, max: 60 });
  const created = await ctx.call('profiles:create', {
    name,
    vendor: 'csv',
    connection: { baseUrl: CSV_BASE_URL, grantType: 'token', options: {} },
    ...(lookbackDays !== undefined || p.values['no-activity'] === true
      ? { processes: { activity: { enabled: p.values['no-activity'] !== true, lookbackDays: lookbackDays ?? DEFAULT_LOOKBACK_DAYS }, reclaim: { enabled: true } } }
      : {}),
  });
  let job;
  try {
    job = await waitForJob(ctx, created.id, () => ctx.call('profiles:import', { profileId: created.id, content, fileName, ...(mapping ? { mapping } : {}) }));
  } catch (error) {
    await ctx.call('profiles:remove', { profileId: created.id }).catch(() => undefined);
    throw error;
  }
  if (p.values.json) printJson(printJobSummary(job));
  else {
    say(`Added "${created.name}" (csv) and imported ${fileName}.\n`);
    process.stdout.write(describeJob(printJobSummary(job)) + '\n');
  }
  return job.state === 'succeeded' ? EXIT.ok : EXIT.failure;
}

/** `profiles import NAME --file F`: a CSV app's sync, with the same job record. */
async function importCsv(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'import');
  const p = parse(NAME, rest, { file: { type: 'string' }, json: { type: 'boolean' }, ...COLUMN_FLAGS });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const file = requireFlag(p, 'file', NAME);
  const mapping = columnMapping(p);
  const { content, fileName } = readExport(file);
  const profileId = await ctx.profileId(name);
  const job = await waitForJob(ctx, profileId, () => ctx.call('profiles:import', { profileId, content, fileName, ...(mapping ? { mapping } : {}) }));
  if (p.values.json) printJson(printJobSummary(job));
  else process.stdout.write(describeJob(printJobSummary(job)) + '\n');
  return job.state === 'succeeded' ? EXIT.ok : EXIT.failure;
}

/** SSO sign-ins to an identity provider app become the profile's activity (matched by email). */
async function link(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { idp: { type: 'string' }, 'idp-app': { type: 'string' }, json: { type: 'boolean' } });
  const [name, extra] = p.positionals;
  if (!name || extra) throw new UsageError('profiles link needs one profile NAME.', NAME);
  const idp = requireFlag(p, 'idp', NAME);
  const appId = requireFlag(p, 'idp-app', NAME);
  const detail = await ctx.call('profiles:link', { profileId: await ctx.profileId(name), idpProfileId: await ctx.profileId(idp), appId });
  if (p.values.json) printJson(detail);
  else say(`Linked "${detail.name}" to ${detail.sso?.appLabel ?? appId} in "${detail.sso?.idpProfileName ?? idp}": SSO sign-ins count as activity from the next sync.\n`);
  return EXIT.ok;
}

async function unlink(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { json: { type: 'boolean' } });
  const [name, extra] = p.positionals;
  if (!name || extra) throw new UsageError('profiles unlink needs one profile NAME.', NAME);
  const detail = await ctx.call('profiles:unlink', { profileId: await ctx.profileId(name) });
  if (p.values.json) printJson(detail);
  else say(`"${detail.name}" takes no SSO sign-ins any more; its own activity (if any) from the next sync.\n`);
  return EXIT.ok;
}

/** The connection options the flags give (--workspace, --org, --tenant, --account-id, --file). */
function optionsFrom(p: Parsed): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [flag, field] of OPTION_FLAGS) {
    const value = stringFlag(p, flag);
    if (value === undefined) continue;
    if (!value.trim()) throw new UsageError(`--${flag} needs a value.`, NAME);
    // A choice is written with hyphens on the command line (service-account), as --auth is.
    options[field] = flag === 'file' ? path.resolve(value) : flag === 'token-kind' ? value.trim().replaceAll('-', '_') : value.trim();
  }
  return options;
}

/** Every string flag as typed, by its spelling: the words of a refusal quote them. */
function givenValues(p: Parsed): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(p.values).filter(([, v]) => typeof v === 'string').map(([k, v]) => [`--${k}`, v as string]));
}

const isVendor = (value: string): value is Vendor => (VENDORS as readonly string[]).includes(value);

async function add(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, {
    vendor: { type: 'string' },
    name: { type: 'string' },
    auth: { type: 'string' },
    url: { type: 'string' },
    'client-id': { type: 'string' },
    'token-url': { type: 'string' },
    'authorize-url': { type: 'string' },
    'revoke-url': { type: 'string' },
    scopes: { type: 'string' },
    username: { type: 'string' },
    workspace: { type: 'string' },
    org: { type: 'string' },
    tenant: { type: 'string' },
    'account-id': { type: 'string' },
    'token-kind': { type: 'string' },
    file: { type: 'string' },
    preset: { type: 'string' },
    'lookback-days': { type: 'string' },
    'redirect-port': { type: 'string' },
    'no-activity': { type: 'boolean' },
    'secret-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
    ...COLUMN_FLAGS,
  });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const vendor = requireFlag(p, 'vendor', NAME);
  if (vendor === 'csv') return addCsv(ctx, p);
  // Checked first and alone: a wrong vendor is the one thing to say, not also a missing URL.
  if (!isVendor(vendor)) {
    const near = closest(vendor, VENDORS);
    throw new UsageError(`--vendor must be one of ${VENDORS.join(', ')}, not "${vendor}".${near ? ` Did you mean "${near}"?` : ''}`, NAME);
  }
  const authFlag = requireFlag(p, 'auth', NAME);
  const grantType = AUTH[authFlag];
  if (!grantType) throw new UsageError(`--auth must be one of ${Object.keys(AUTH).join(', ')}, not "${authFlag}".`, NAME);
  const name = requireFlag(p, 'name', NAME);
  const lookbackDays = intFlag(p, 'lookback-days', NAME, { min: 1, max: 60 });
  const url = stringFlag(p, 'url');
  const input = {
    name,
    vendor,
    preset: stringFlag(p, 'preset'),
    connection: {
      baseUrl: url ?? '',
      grantType,
      clientId: stringFlag(p, 'client-id'),
      username: stringFlag(p, 'username'),
      tokenUrl: stringFlag(p, 'token-url'),
      authorizeUrl: stringFlag(p, 'authorize-url'),
      revokeUrl: stringFlag(p, 'revoke-url'),
      scopes: stringFlag(p, 'scopes')?.split(/\s+/).filter(Boolean),
      redirectPort: intFlag(p, 'redirect-port', NAME, { min: 1024, max: 65535 }),
      options: optionsFrom(p),
    },
    processes:
      lookbackDays !== undefined || p.values['no-activity'] === true
        ? { activity: { enabled: p.values['no-activity'] !== true, lookbackDays: lookbackDays ?? DEFAULT_LOOKBACK_DAYS }, reclaim: { enabled: true } }
        : undefined,
  };
  const secretValue = await readSecret({ stdin: p.values['secret-stdin'] === true, required: grantType !== 'authorization_code', command: NAME });
  if (secretValue !== undefined) checkSecretText(secretValue, grantType);

  const vault = new RollbackSafeVault(new KeytarSecretStore());
  await ctx.openApp({ vault });
  const entries = (await ctx.call('vendors:list', {})).filter((v) => v.vendor === vendor);
  const offered = entries.find((v) => (v.preset ?? undefined) === input.preset) ?? entries.find((v) => !v.preset) ?? entries[0];
  if (!offered) throw new UsageError(`Seatwise has no connector for ${vendor} yet.`, NAME);
  const missing = connectionOptionProblems(offered.connectionOptions, input.connection.options, grantType);
  if (missing.length) {
    const flagOf = (key: string): string => `--${OPTION_FLAGS.find(([, field]) => field === key)?.[0] ?? key}`;
    // A choice is spelled with hyphens on the command line (see optionsFrom).
    const spelled = (m: (typeof missing)[number]): string => (m.key === 'tokenKind' ? m.message.replaceAll('_', '-') : m.message);
    throw new UsageError(missing.map((m) => `${flagOf(m.key)}: ${m.hint ? `${spelled(m).slice(0, -1)}: ${m.hint}` : spelled(m)}`).join(' '), NAME);
  }
  if (!offered.authMethods.includes(grantType)) {
    throw new UsageError(`--auth ${authFlag} is not offered by ${offered.displayName}; it signs in with --auth ${offered.authMethods.map(authFlagOf).join(' or ')}.`, NAME);
  }
  if (!url) input.connection.baseUrl = offered.defaults.baseUrl;
  if (!input.connection.baseUrl) throw new UsageError(`--url is required for --vendor ${vendor}: ${offered.connectionUrlHelp}`, NAME);
  const parsed = createProfileInputSchema.safeParse(stripUndefined(input));
  if (!parsed.success) throw new UsageError(describeFlagIssues(parsed.error, givenValues(p)), NAME);
  // The keychain is asked before anything is made: without one, no profile is left behind.
  if (secretValue !== undefined) await vault.probe();
  const created = await createWithSecret(ctx, parsed.data, secretValue);
  if (p.values.json) printJson(created);
  else say(`Added "${created.name}" (${created.vendor}, draft). Publish it with: seatwise profiles publish "${created.name}"\n`);
  return EXIT.ok;
}

/**
 * The keychain of `profiles add`. Removing a profile whose secret could not be stored also
 * clears its keychain entries; with the keychain gone that clearing would fail and leave the
 * profile behind, though nothing was ever stored for it.
 */
class RollbackSafeVault implements SecretStore {
  constructor(private readonly inner: SecretStore) {}

  async probe(): Promise<void> {
    await this.inner.list();
  }

  get(account: string): Promise<string | null> {
    return this.inner.get(account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.inner.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    try {
      return await this.inner.delete(account);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) return false;
      throw error;
    }
  }

  list(): Promise<string[]> {
    return this.inner.list();
  }
}

/** A profile whose secret could not be stored is removed again: no half-made records. */
async function createWithSecret(ctx: CliContext, input: CreateProfileInput, secretValue: string | undefined) {
  const created = await ctx.call('profiles:create', input);
  if (secretValue) {
    try {
      await ctx.call('connection:setSecret', { profileId: created.id, kind: SECRET_KIND[input.connection.grantType], value: secretValue });
    } catch (error) {
      await ctx.call('profiles:remove', { profileId: created.id }).catch(() => undefined);
      throw error;
    }
  }
  return ctx.call('profiles:get', { profileId: created.id });
}

/** What a pasted secret must look like: one line, no spaces inside a token or key. */
function checkSecretText(value: string, grantType: GrantType): void {
  if (value.length > 20_000) throw new UsageError(`The secret is ${value.length} characters long; at most 20000 are accepted.`, NAME);
  if (/[\r\n]/.test(value)) throw new UsageError('The secret spans several lines: give one line (SEATWISE_SECRET, or one line on standard input).', NAME);
  if (grantType !== 'authorization_code' && grantType !== 'client_credentials' && /\s/.test(value)) {
    throw new UsageError('The secret contains a space: a token or API key has none. Check what was pasted.', NAME);
  }
}

/** Changes a profile in place: its processes and its connection fields (the secret: `profiles secret`). */
async function set(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'set');
  const p = parse(NAME, rest, {
    activity: { type: 'string' },
    'lookback-days': { type: 'string' },
    reclaim: { type: 'string' },
    url: { type: 'string' },
    'client-id': { type: 'string' },
    'token-url': { type: 'string' },
    'authorize-url': { type: 'string' },
    'revoke-url': { type: 'string' },
    username: { type: 'string' },
    scopes: { type: 'string' },
    'redirect-port': { type: 'string' },
    workspace: { type: 'string' },
    org: { type: 'string' },
    tenant: { type: 'string' },
    'account-id': { type: 'string' },
    'token-kind': { type: 'string' },
    file: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const activity = onOffFlag(p, 'activity', NAME);
  const reclaim = onOffFlag(p, 'reclaim', NAME);
  const lookbackDays = intFlag(p, 'lookback-days', NAME, { min: 1, max: 60 });
  const connection: Record<string, unknown> = {};
  for (const [flag, field] of CONNECTION_FLAGS) {
    const value = stringFlag(p, flag);
    if (value === undefined) continue;
    if (flag.endsWith('url') && !URL.canParse(value)) throw new UsageError(`--${flag} must be a URL such as https://example.com, not "${value}".`, NAME);
    connection[field] = value;
  }
  const scopes = stringFlag(p, 'scopes');
  if (scopes !== undefined) connection.scopes = scopes.split(/\s+/).filter(Boolean);
  const redirectPort = intFlag(p, 'redirect-port', NAME, { min: 1024, max: 65535 });
  if (redirectPort !== undefined) connection.redirectPort = redirectPort;
  const options = optionsFrom(p);
  if (Object.keys(options).length) connection.options = options;
  if (activity === undefined && reclaim === undefined && lookbackDays === undefined && Object.keys(connection).length === 0) {
    throw new UsageError('Give at least one change, such as --activity off or --url URL.', NAME);
  }
  const current = await ctx.call('profiles:get', { profileId: name });
  const processes = {
    activity: { enabled: activity ?? current.processes.activity.enabled, lookbackDays: lookbackDays ?? current.processes.activity.lookbackDays },
    reclaim: { enabled: reclaim ?? current.processes.reclaim.enabled },
  };
  const checked = updateProfileInputSchema.safeParse({ profileId: current.id, processes, ...(Object.keys(connection).length ? { connection } : {}) });
  if (!checked.success) throw new UsageError(describeFlagIssues(checked.error, givenValues(p)), NAME);
  const detail = await ctx.call('profiles:update', checked.data);
  if (p.values.json) printJson(detail);
  else {
    const lines = [`Updated "${detail.name}": activity ${detail.processes.activity.enabled ? `on (${detail.processes.activity.lookbackDays} days back)` : 'off'}, reclaim ${detail.processes.reclaim.enabled ? 'on' : 'off'}.`];
    const changed = Object.keys(connection);
    if (changed.length) lines.push(`Connection: ${changed.join(', ')} changed; check it with: seatwise profiles validate "${detail.name}"`);
    if (!detail.processes.activity.enabled) lines.push('With activity off nobody is an inactivity candidate; open candidates were resolved.');
    else if (activity === true && current.activityAvailable === false) lines.push('Activity is read at the next sync: seatwise sync "' + detail.name + '"');
    say(lines.join('\n') + '\n');
  }
  return EXIT.ok;
}

/** What `profiles secret --json` prints. */
export interface SecretResult {
  profileId: string;
  profileName: string;
  kind: 'token' | 'clientSecret' | 'apiKey';
  /** True when the new secret is the one in the keychain now. */
  replaced: boolean;
  /** The check at the vendor; absent with --no-validate and for a browser sign-in's client secret. */
  validation?: MethodOutput<'connection:validate'>;
}

/**
 * Replaces a profile's secret in the keychain. A token, API key or client-credentials secret
 * is checked at the vendor first: when the vendor refuses it the previous one is put back.
 */
async function secret(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'secret');
  const p = parse(NAME, rest, { 'secret-stdin': { type: 'boolean' }, 'no-validate': { type: 'boolean' }, json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const value = await readSecret({ stdin: p.values['secret-stdin'] === true, required: true, command: NAME });
  const vault = new KeytarSecretStore();
  await vault.list();
  await ctx.openApp({ vault });
  const profile = await ctx.call('profiles:get', { profileId: name });
  const grantType = profile.connection.grantType;
  checkSecretText(value!, grantType);
  const kind = SECRET_KIND[grantType];
  const account = secretAccount(profile.connection.aliasId, kind);
  const previous = await vault.get(account);
  await ctx.call('connection:setSecret', { profileId: profile.id, kind, value: value! });
  const result: SecretResult = { profileId: profile.id, profileName: profile.name, kind, replaced: true };
  const words = kind === 'token' ? 'token' : kind === 'apiKey' ? 'API key' : 'client secret';
  // A browser sign-in's client secret is used at the next sign-in, not by a check now.
  if (grantType === 'authorization_code' || p.values['no-validate'] === true) {
    if (p.values.json) printJson(result);
    else say(`Stored the new ${words} of "${profile.name}" in the OS keychain.${grantType === 'authorization_code' ? ` Sign in with it: seatwise connect "${profile.name}"` : ''}\n`);
    return EXIT.ok;
  }
  const validation = await ctx.call('connection:validate', { profileId: profile.id });
  result.validation = validation;
  const download = validation.results.find((r) => r.process === 'download');
  if (download && !download.ok) {
    if (previous !== null) await ctx.call('connection:setSecret', { profileId: profile.id, kind, value: previous });
    else await ctx.call('connection:disconnect', { profileId: profile.id });
    result.replaced = false;
    if (p.values.json) printJson(result);
    process.stderr.write(
      `seatwise: ${profile.name} refused the new ${words}: ${download.message}\n` +
        (previous !== null ? `The previous ${words} was put back; nothing changed.\n` : `It was not kept; "${profile.name}" still has no ${words}.\n`),
    );
    return EXIT.failure;
  }
  if (p.values.json) printJson(result);
  else {
    say(`Stored the new ${words} of "${profile.name}" in the OS keychain${validation.connectedAs ? `; connected as ${validation.connectedAs}` : ''}.\n`);
    for (const r of validation.results) say(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.process.padEnd(9)} ${r.message}\n`);
  }
  return EXIT.ok;
}

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const profiles = await ctx.call('profiles:list', {});
  if (p.values.json) {
    printJson(profiles);
    return EXIT.ok;
  }
  if (!profiles.length) {
    say('No profiles yet. Add one with: seatwise profiles add --help\n');
    return EXIT.ok;
  }
  process.stdout.write(
    table(
      profiles.map((x) => ({ name: x.name, vendor: x.vendor, status: x.status, health: x.health, seats: x.seats, free: x.freeSeats, candidates: x.candidates, 'last sync': x.lastSync?.at.slice(0, 16).replace('T', ' ') })),
      ['name', 'vendor', 'status', 'health', 'seats', 'free', 'candidates', 'last sync'],
    ) + '\n',
  );
  return EXIT.ok;
}

function oneName(argv: string[], sub: string): { name: string; rest: string[] } {
  const [name, ...rest] = argv;
  if (!name || name.startsWith('-')) throw new UsageError(`profiles ${sub} needs a profile NAME.`, NAME);
  return { name, rest };
}

async function show(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'show');
  const p = parse(NAME, rest, { json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const detail = await ctx.call('profiles:get', { profileId: name });
  if (p.values.json) printJson(detail);
  else process.stdout.write(describeProfile(detail));
  return EXIT.ok;
}

function describeProfile(detail: ProfileDetail): string {
  const c = detail.connection;
  const options = Object.entries(c.options).map(([k, v]) => `${k} ${v}`);
  const lines = [
    `${detail.name} (${detail.vendor}, ${detail.status}, ${detail.health})`,
    `  connection   ${c.baseUrl} · ${authFlagOf(c.grantType)}${c.connectedAs ? ` · connected as ${c.connectedAs}` : ''}${options.length ? ` · ${options.join(', ')}` : ''}`,
    `  credential   ${detail.vendor === 'csv' ? 'none: a CSV app has no API; its seats come from the imported export' : c.hasSecret ? 'stored in the OS keychain' : `none stored${c.grantType === 'token' || c.grantType === 'api_key' ? ` (store one with: seatwise profiles secret "${detail.name}")` : ''}`}`,
    `  seats        ${detail.seats} paid, ${detail.freeSeats} free, ${detail.deactivatedSeats} deactivated, ${detail.orgs} org(s)`,
    `  candidates   ${detail.candidates}${detail.unpricedCandidates > 0 ? ` (${detail.unpricedCandidates} without a unit cost: seatwise entitlements set)` : ''}`,
    `  activity     ${detail.activityAvailable === false ? `not available: ${detail.activityNote?.message ?? 'none was read'}` : detail.processes.activity.enabled ? `analyzed from ${detail.processes.activity.lookbackDays} days back` : 'off'}`,
    `  reclaim      ${detail.processes.reclaim.enabled ? 'on' : 'off'}`,
  ];
  if (detail.activityAvailable === false && detail.activityNote?.hint) lines.push(`               ${detail.activityNote.hint}`);
  if (detail.deactivatedSeats > 0) lines.push('               deactivated members are listed by the vendor but hold no seat');
  if (detail.licenseTypes.length) lines.push(`  license types ${detail.licenseTypes.map((t) => `${t.name} (${t.seats})`).join(', ')}`);
  if (detail.healthReason) lines.push(`  attention    ${detail.healthReason}`);
  return lines.join('\n') + '\n';
}

async function validate(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'validate');
  const p = parse(NAME, rest, { json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const result = await ctx.call('connection:validate', { profileId: name });
  if (p.values.json) printJson(result);
  else {
    if (result.connectedAs) process.stdout.write(`Connected as ${result.connectedAs}\n`);
    for (const r of result.results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.process.padEnd(9)} ${r.message}\n`);
  }
  return result.results.every((r) => r.ok) ? EXIT.ok : EXIT.failure;
}

async function publish(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'publish');
  const p = parse(NAME, rest, { json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const profileId = await ctx.profileId(name);
  const job = await waitForJob(ctx, profileId, async () => {
    const profile = await ctx.call('profiles:publish', { profileId });
    if (!p.values.json) say(`Published "${profile.name}". Downloading seats...\n`);
    // Joins the run the publish started.
    return ctx.call('sync:run', { profileId });
  });
  if (p.values.json) printJson(printJobSummary(job));
  else process.stdout.write(describeJob(printJobSummary(job)) + '\n');
  return job.state === 'succeeded' ? EXIT.ok : EXIT.failure;
}

async function remove(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'remove');
  const p = parse(NAME, rest, { yes: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const yes = p.values.yes === true;
  // As reclaim: a script confirms with --yes, a person at a terminal is asked.
  if (!yes && !process.stdin.isTTY) throw new UsageError('Refusing to remove a profile without confirmation: standard input is not a terminal. Add --yes to confirm.', NAME);
  const profile = await ctx.call('profiles:get', { profileId: name });
  if (!yes && !(await askYesNo(`Remove "${profile.name}" with its seats, candidates, rules, entitlements and keychain secrets? The audit log keeps its history. [y/N] `))) {
    process.stderr.write('Not confirmed: nothing was removed.\n');
    return EXIT.failure;
  }
  await ctx.call('profiles:remove', { profileId: profile.id });
  say(`Removed "${profile.name}" and its credentials.\n`);
  return EXIT.ok;
}

export function describeJob(s: ReturnType<typeof printJobSummary>): string {
  const writes = s.reclaimed.map((r) => `\n  ${r.status === 'reclaimed' ? 'reclaimed' : 'FAILED   '} ${r.email}: ${r.call.method} ${r.call.url}${r.message ? ` (${r.message})` : ''}`).join('');
  if (s.status !== 'succeeded') return `${s.profile}: ${s.status}${s.error ? `: ${s.error}` : ''}${writes}`;
  const activity = s.activityAvailable === false ? ', activity not available (no inactivity candidates)' : '';
  const deactivated = s.deactivatedSeats > 0 ? `, ${s.deactivatedSeats} deactivated` : '';
  const reclaimed = s.reclaimed.length > 0 ? `; automatic reclaim made ${s.reclaimed.length} vendor call(s):${writes}` : '';
  return `${s.profile}: ${s.seats} paid seats, ${s.freeSeats} free${deactivated}, ${s.candidates} candidates${activity} (${s.requests} requests)${reclaimed}`;
}

function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

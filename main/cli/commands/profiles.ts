import { connectorEntry } from '../../../connectors/registry.js';
import { VENDORS, type GrantType, type Vendor } from '../../../connectors/types.js';
import type { CreateProfileInput } from '../../../preload/contract.js';
import { createProfileInputSchema } from '../../../preload/contract.js';
import { describeZodError } from '../../rpc/dispatch.js';
import { intFlag, parse, requireFlag, stringFlag } from '../args.js';
import type { Command, CliContext } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, table } from '../output.js';
import { readSecret } from '../secrets.js';
import { onOffFlag } from './rules.js';
import { printJobSummary, waitForJob } from './sync.js';
import { DEFAULT_LOOKBACK_DAYS } from '../../profiles/defaults.js';

const AUTH: Record<string, GrantType> = {
  oauth: 'authorization_code',
  'client-credentials': 'client_credentials',
  token: 'token',
  'api-key': 'api_key',
};
const SECRET_KIND: Record<GrantType, 'token' | 'clientSecret' | 'apiKey'> = {
  token: 'token',
  api_key: 'apiKey',
  client_credentials: 'clientSecret',
  authorization_code: 'clientSecret',
};

const NAME = 'profiles';

export const profilesCommand: Command = {
  name: NAME,
  summary: 'Add, list, show, validate, publish and remove integration profiles',
  usage: [
    'seatwise profiles add --vendor asana|salesforce|calendly|custom --name NAME --auth oauth|client-credentials|token|api-key',
    '                      [--url BASE] [--client-id ID] [--token-url URL] [--authorize-url URL] [--revoke-url URL]',
    '                      [--scopes "a b"] [--username U] [--workspace GID] [--preset scim] [--lookback-days N]',
    '                      [--no-activity] [--redirect-port N] [--secret-stdin]',
    'seatwise profiles set NAME [--activity on|off] [--lookback-days N] [--reclaim on|off] [--url BASE] [--client-id ID]',
    '                      [--token-url URL] [--authorize-url URL] [--revoke-url URL] [--username U] [--json]',
    'seatwise profiles list [--json]',
    'seatwise profiles show NAME [--json]',
    'seatwise profiles validate NAME [--json]',
    'seatwise profiles publish NAME [--json]',
    'seatwise profiles remove NAME',
  ].join('\n'),
  examples: [
    'SEATWISE_SECRET=$ASANA_PAT seatwise profiles add --vendor asana --name "Asana" --auth token --url https://app.asana.com/api/1.0',
    'seatwise profiles publish "Asana"',
  ],
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'add':
        return add(ctx, rest);
      case 'list':
        return list(ctx, rest);
      case 'set':
        return set(ctx, rest);
      case 'show':
        return show(ctx, rest);
      case 'validate':
        return validate(ctx, rest);
      case 'publish':
        return publish(ctx, rest);
      case 'remove':
        return remove(ctx, rest);
      default:
        throw new UsageError(sub ? `Unknown profiles subcommand "${sub}".` : 'profiles needs a subcommand.', NAME);
    }
  },
};

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
    preset: { type: 'string' },
    'lookback-days': { type: 'string' },
    'redirect-port': { type: 'string' },
    'no-activity': { type: 'boolean' },
    'secret-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const authFlag = requireFlag(p, 'auth', NAME);
  const grantType = AUTH[authFlag];
  if (!grantType) throw new UsageError(`--auth must be one of ${Object.keys(AUTH).join(', ')}, not "${authFlag}".`, NAME);
  const lookbackDays = intFlag(p, 'lookback-days', NAME, { min: 1, max: 60 });
  const options: Record<string, string> = {};
  const workspace = stringFlag(p, 'workspace');
  if (workspace) options.workspace = workspace;
  const input = {
    name: requireFlag(p, 'name', NAME),
    vendor: requireFlag(p, 'vendor', NAME),
    preset: stringFlag(p, 'preset'),
    connection: {
      baseUrl: stringFlag(p, 'url') ?? '',
      grantType,
      clientId: stringFlag(p, 'client-id'),
      username: stringFlag(p, 'username'),
      tokenUrl: stringFlag(p, 'token-url'),
      authorizeUrl: stringFlag(p, 'authorize-url'),
      revokeUrl: stringFlag(p, 'revoke-url'),
      scopes: stringFlag(p, 'scopes')?.split(/\s+/).filter(Boolean),
      redirectPort: intFlag(p, 'redirect-port', NAME, { min: 1024, max: 65535 }),
      options,
    },
    processes:
      lookbackDays !== undefined || p.values['no-activity'] === true
        ? { activity: { enabled: p.values['no-activity'] !== true, lookbackDays: lookbackDays ?? DEFAULT_LOOKBACK_DAYS }, reclaim: { enabled: true } }
        : undefined,
  };
  const secret = await readSecret({ stdin: p.values['secret-stdin'] === true, required: grantType !== 'authorization_code', command: NAME });
  const vendor = isVendor(input.vendor) ? connectorEntry(input.vendor) : undefined;
  if (!input.connection.baseUrl && vendor) input.connection.baseUrl = vendor.descriptor.defaults.baseUrl;
  const parsed = createProfileInputSchema.safeParse(stripUndefined(input));
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error), NAME);
  const created = await createWithSecret(ctx, parsed.data, secret);
  if (p.values.json) printJson(created);
  else process.stdout.write(`Added "${created.name}" (${created.vendor}, draft). Publish it with: seatwise profiles publish "${created.name}"\n`);
  return EXIT.ok;
}

/** A profile whose secret could not be stored is removed again: no half-made records. */
async function createWithSecret(ctx: CliContext, input: CreateProfileInput, secret: string | undefined) {
  const created = await ctx.call('profiles:create', input);
  if (secret) {
    try {
      await ctx.call('connection:setSecret', { profileId: created.id, kind: SECRET_KIND[input.connection.grantType], value: secret });
    } catch (error) {
      await ctx.call('profiles:remove', { profileId: created.id }).catch(() => undefined);
      throw error;
    }
  }
  return ctx.call('profiles:get', { profileId: created.id });
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
    json: { type: 'boolean' },
  });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const activity = onOffFlag(p, 'activity', NAME);
  const reclaim = onOffFlag(p, 'reclaim', NAME);
  const lookbackDays = intFlag(p, 'lookback-days', NAME, { min: 1, max: 60 });
  const connection: Record<string, string> = {};
  for (const [flag, field] of [
    ['url', 'baseUrl'],
    ['client-id', 'clientId'],
    ['token-url', 'tokenUrl'],
    ['authorize-url', 'authorizeUrl'],
    ['revoke-url', 'revokeUrl'],
    ['username', 'username'],
  ] as const) {
    const value = stringFlag(p, flag);
    if (value === undefined) continue;
    if (flag.endsWith('url') && !URL.canParse(value)) throw new UsageError(`--${flag} must be a URL such as https://example.com, not "${value}".`, NAME);
    connection[field] = value;
  }
  if (activity === undefined && reclaim === undefined && lookbackDays === undefined && Object.keys(connection).length === 0) {
    throw new UsageError('Give at least one change, such as --activity off.', NAME);
  }
  const current = await ctx.call('profiles:get', { profileId: name });
  const processes = {
    activity: { enabled: activity ?? current.processes.activity.enabled, lookbackDays: lookbackDays ?? current.processes.activity.lookbackDays },
    reclaim: { enabled: reclaim ?? current.processes.reclaim.enabled },
  };
  const detail = await ctx.call('profiles:update', { profileId: current.id, processes, ...(Object.keys(connection).length ? { connection } : {}) });
  if (p.values.json) printJson(detail);
  else {
    const lines = [`Updated "${detail.name}": activity ${detail.processes.activity.enabled ? `on (${detail.processes.activity.lookbackDays} days back)` : 'off'}, reclaim ${detail.processes.reclaim.enabled ? 'on' : 'off'}.`];
    if (!detail.processes.activity.enabled) lines.push('With activity off nobody is an inactivity candidate; open candidates were resolved.');
    else if (activity === true && current.activityAvailable === false) lines.push('Activity is read at the next sync: seatwise sync "' + detail.name + '"');
    process.stdout.write(lines.join('\n') + '\n');
  }
  return EXIT.ok;
}

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { json: { type: 'boolean' } });
  const profiles = await ctx.call('profiles:list', {});
  if (p.values.json) {
    printJson(profiles);
    return EXIT.ok;
  }
  if (!profiles.length) {
    process.stdout.write('No profiles yet. Add one with: seatwise profiles add --help\n');
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
  const detail = await ctx.call('profiles:get', { profileId: name });
  if (p.values.json) printJson(detail);
  else {
    const c = detail.connection;
    const lines = [
      `${detail.name} (${detail.vendor}, ${detail.status}, ${detail.health})`,
      `  connection   ${c.baseUrl} · ${c.grantType}${c.connectedAs ? ` · connected as ${c.connectedAs}` : ''}`,
      `  credential   ${c.hasSecret ? 'stored in the OS keychain' : 'none stored'}`,
      `  seats        ${detail.seats} paid, ${detail.freeSeats} free, ${detail.deactivatedSeats} deactivated, ${detail.orgs} org(s)`,
      `  candidates   ${detail.candidates}${detail.unpricedCandidates > 0 ? ` (${detail.unpricedCandidates} without a unit cost: seatwise entitlements set)` : ''}`,
      `  activity     ${detail.activityAvailable === false ? `not available: ${detail.activityNote?.message ?? 'none was read'}` : detail.processes.activity.enabled ? `analyzed from ${detail.processes.activity.lookbackDays} days back` : 'off'}`,
      `  reclaim      ${detail.processes.reclaim.enabled ? 'on' : 'off'}`,
    ];
    if (detail.activityAvailable === false && detail.activityNote?.hint) lines.push(`               ${detail.activityNote.hint}`);
    if (detail.deactivatedSeats > 0) lines.push('               deactivated members are listed by the vendor but hold no seat');
    if (detail.healthReason) lines.push(`  attention    ${detail.healthReason}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return EXIT.ok;
}

async function validate(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'validate');
  const p = parse(NAME, rest, { json: { type: 'boolean' } });
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
  const profileId = await ctx.profileId(name);
  const job = await waitForJob(ctx, profileId, async () => {
    const profile = await ctx.call('profiles:publish', { profileId });
    if (!p.values.json) process.stdout.write(`Published "${profile.name}". Downloading seats...\n`);
    // Joins the run the publish started.
    return ctx.call('sync:run', { profileId });
  });
  if (p.values.json) printJson(printJobSummary(job));
  else process.stdout.write(describeJob(printJobSummary(job)) + '\n');
  return job.state === 'succeeded' ? EXIT.ok : EXIT.failure;
}

async function remove(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, rest } = oneName(argv, 'remove');
  parse(NAME, rest, {});
  const profile = await ctx.call('profiles:get', { profileId: name });
  await ctx.call('profiles:remove', { profileId: profile.id });
  process.stdout.write(`Removed "${profile.name}" and its credentials.\n`);
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

const isVendor = (value: string): value is Vendor => (VENDORS as readonly string[]).includes(value);

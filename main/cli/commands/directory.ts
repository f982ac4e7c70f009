import fs from 'node:fs';
import path from 'node:path';
import { parse, requireFlag, stringFlag } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';

const NAME = 'directory';
const STATUSES = ['active', 'suspended', 'deprovisioned'] as const;
/** As the contract's limit on a roster's text. */
const MAX_BYTES = 10 * 1024 * 1024;

export const directoryCommand: Command = {
  name: NAME,
  summary: 'The people identity providers and HR rosters know: who left, and which seats no directory knows',
  usage: [
    'seatwise directory list [--status active|suspended|deprovisioned] [--source NAME] [--search TEXT] [--json]',
    'seatwise directory import --file roster.csv [--name NAME] [--json]',
    'seatwise directory sources [--json]',
    'seatwise directory apps IDP_PROFILE [--json]       # the apps to link with: seatwise profiles link',
    'seatwise directory remove SOURCE_ID',
    '',
    'A roster is a CSV with a header row naming email, name, status (active, suspended or deprovisioned)',
    'and end_date (YYYY-MM-DD, the last working day). Importing it again under the same name replaces it;',
    'a file with any bad row loads nothing. Okta and Entra ID profiles are sources of their own, read at',
    'each of their syncs. Leavers are candidates on every profile under their rule\'s leaver setting.',
  ].join('\n'),
  examples: ['seatwise directory import --file roster.csv --name "HR roster"', 'seatwise directory list --status deprovisioned --json'],
  access: (argv) => (argv[0] === 'list' || argv[0] === 'sources' || argv[0] === 'apps' ? 'read' : 'write'),
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    if (sub === 'list') return list(ctx, rest);
    if (sub === 'import') return importRoster(ctx, rest);
    if (sub === 'sources') return sources(ctx, rest);
    if (sub === 'apps') return apps(ctx, rest);
    if (sub === 'remove') return remove(ctx, rest);
    throw new UsageError(sub ? `Unknown directory subcommand "${sub}".` : 'directory needs a subcommand: list, import, sources, apps or remove.', NAME);
  },
};

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { status: { type: 'string' }, source: { type: 'string' }, search: { type: 'string' }, json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const status = stringFlag(p, 'status');
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, not "${status}".`, NAME);
  const result = await ctx.call('directory:list', {
    status: status as (typeof STATUSES)[number] | undefined,
    source: stringFlag(p, 'source'),
    search: stringFlag(p, 'search'),
  });
  if (p.values.json) {
    printJson(result.people.map((x) => ({ email: x.email, name: x.name, status: x.status, lastLoginAt: x.lastLoginAt ?? null, source: x.source, sources: x.sources, endDate: x.endDate ?? null, leftAt: x.leftAt ?? null })));
  } else if (result.sources.length === 0) {
    say('No directory yet: sync an Okta or Entra ID profile, or import an HR roster (seatwise directory import --file roster.csv).\n');
  } else if (result.people.length === 0) say('Nobody in the directory matches.\n');
  else {
    process.stdout.write(
      table(
        result.people.map((x) => ({ email: x.email, name: x.name, status: x.status, since: x.leftAt?.slice(0, 10) ?? '', lastLogin: x.lastLoginAt?.slice(0, 10) ?? '', source: x.source })),
        ['email', 'name', 'status', 'since', 'lastLogin', 'source'],
      ) + '\n',
    );
  }
  return EXIT.ok;
}

async function importRoster(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { file: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const file = path.resolve(requireFlag(p, 'file', NAME));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`--file: ${file} does not exist.`, NAME);
  }
  if (!stat.isFile()) throw new UsageError(`--file: ${file} is not a file.`, NAME);
  if (stat.size > MAX_BYTES) throw new UsageError(`--file: ${file} is larger than 10 MB.`, NAME);
  const content = fs.readFileSync(file, 'utf8');
  const name = stringFlag(p, 'name')?.trim() || 'HR roster';
  const source = await ctx.call('directory:import', { name, fileName: path.basename(file), content });
  if (p.values.json) printJson(source);
  else say(`Loaded ${source.people} people into the directory as "${source.name}". Candidates recomputed.\n`);
  return EXIT.ok;
}

async function sources(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { json: { type: 'boolean' } });
  const { sources: list } = await ctx.call('directory:list', {});
  if (p.values.json) printJson(list);
  else if (!list.length) say('No directory sources.\n');
  else process.stdout.write(table(list.map((s) => ({ id: s.id, name: s.name, kind: s.vendorName, people: String(s.people), read: s.readAt.slice(0, 16).replace('T', ' ') })), ['id', 'name', 'kind', 'people', 'read']) + '\n');
  return EXIT.ok;
}

async function apps(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { json: { type: 'boolean' } });
  const [idp, extra] = p.positionals;
  if (!idp || extra) throw new UsageError('directory apps needs one identity provider profile (Okta or Entra ID).', NAME);
  const list = await ctx.call('directory:apps', { idpProfileId: await ctx.profileId(idp) });
  if (p.values.json) printJson(list);
  else if (!list.length) say('No active apps.\n');
  else process.stdout.write(table(list.map((a) => ({ id: a.id, app: a.label })), ['id', 'app']) + '\n');
  return EXIT.ok;
}

async function remove(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, {});
  const [id, extra] = p.positionals;
  if (!id || extra) throw new UsageError('directory remove needs one source ID (see seatwise directory sources).', NAME);
  await ctx.call('directory:removeSource', { sourceId: id });
  say(`Removed directory source ${id}. Candidates recomputed.\n`);
  return EXIT.ok;
}

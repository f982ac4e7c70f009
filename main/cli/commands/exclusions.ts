import { parse, requireFlag, stringFlag } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';

const NAME = 'exclusions';
const KINDS: Record<string, 'user' | 'licenseType'> = { user: 'user', 'license-type': 'licenseType' };

export const exclusionsCommand: Command = {
  name: NAME,
  summary: 'Exclude users or license types from candidates and waste',
  usage: [
    'seatwise exclusions add --kind user|license-type --pattern P --reason R [--profile NAME] [--json]',
    'seatwise exclusions list [--profile NAME] [--json]',
    'seatwise exclusions remove ID',
  ].join('\n'),
  examples: ['seatwise exclusions add --kind user --pattern "*@agency.example" --reason "Agency staff are billed to the client"', 'seatwise exclusions list --json'],
  access: (argv) => (argv[0] === 'list' ? 'read' : 'write'),
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    if (sub === 'add') return add(ctx, rest);
    if (sub === 'list') return list(ctx, rest);
    if (sub === 'remove') return remove(ctx, rest);
    throw new UsageError(sub ? `Unknown exclusions subcommand "${sub}".` : 'exclusions needs a subcommand: add, list or remove.', NAME);
  },
};

async function add(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { kind: { type: 'string' }, pattern: { type: 'string' }, reason: { type: 'string' }, profile: { type: 'string' }, json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const kindFlag = requireFlag(p, 'kind', NAME);
  const kind = KINDS[kindFlag];
  if (!kind) throw new UsageError(`--kind must be user or license-type, not "${kindFlag}".`, NAME);
  const pattern = requireFlag(p, 'pattern', NAME);
  const reason = requireFlag(p, 'reason', NAME);
  const profile = stringFlag(p, 'profile');
  const exclusion = await ctx.call('exclusions:add', { kind, pattern, reason, profileId: profile ? (await ctx.profileId(profile)) : undefined });
  if (p.values.json) printJson(exclusion);
  else say(`Added exclusion ${exclusion.id} (${kindFlag} "${exclusion.pattern}"). Candidates recomputed.\n`);
  return EXIT.ok;
}

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { profile: { type: 'string' }, json: { type: 'boolean' } });
  const items = await ctx.call('exclusions:list', { profileId: stringFlag(p, 'profile') });
  if (p.values.json) printJson(items);
  else if (!items.length) say('No exclusions.\n');
  else {
    const names = new Map((await ctx.call('profiles:list', {})).map((x) => [x.id, x.name]));
    process.stdout.write(
      table(
        items.map((e) => ({ id: e.id, kind: e.kind === 'licenseType' ? 'license-type' : 'user', pattern: e.pattern, profile: e.profileId ? (names.get(e.profileId) ?? e.profileId) : 'all', reason: e.reason })),
        ['id', 'kind', 'pattern', 'profile', 'reason'],
      ) + '\n',
    );
  }
  return EXIT.ok;
}

async function remove(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, {});
  const [id, extra] = p.positionals;
  if (!id || extra) throw new UsageError('exclusions remove needs one exclusion ID.', NAME);
  await ctx.call('exclusions:remove', { id });
  say(`Removed exclusion ${id}. Candidates recomputed.\n`);
  return EXIT.ok;
}

import { parse, requireFlag, stringFlag } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, table } from '../output.js';

const NAME = 'entitlements';

export const entitlementsCommand: Command = {
  name: NAME,
  summary: 'Set and list seats owned and what they cost',
  usage: [
    'seatwise entitlements set --profile NAME --license-type T --owned N --unit-cost X --currency EUR --period month|year [--renewal YYYY-MM-DD] [--json]',
    'seatwise entitlements list [--profile NAME] [--json]',
  ].join('\n'),
  examples: ['seatwise entitlements set --profile "Asana" --license-type "Business" --owned 200 --unit-cost 24.99 --currency EUR --period month --renewal 2027-03-01'],
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    if (sub === 'set') return set(ctx, rest);
    if (sub === 'list') return list(ctx, rest);
    throw new UsageError(sub ? `Unknown entitlements subcommand "${sub}".` : 'entitlements needs a subcommand: set or list.', NAME);
  },
};

async function set(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, {
    profile: { type: 'string' },
    'license-type': { type: 'string' },
    owned: { type: 'string' },
    'unit-cost': { type: 'string' },
    currency: { type: 'string' },
    period: { type: 'string' },
    renewal: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const profileName = requireFlag(p, 'profile', NAME);
  const licenseType = requireFlag(p, 'license-type', NAME);
  const ownedRaw = requireFlag(p, 'owned', NAME);
  const owned = Number(ownedRaw);
  if (!Number.isInteger(owned) || owned < 0) throw new UsageError(`--owned must be a whole number of seats, not "${ownedRaw}".`, NAME);
  const costRaw = requireFlag(p, 'unit-cost', NAME);
  const unitCost = Number(costRaw);
  if (!Number.isFinite(unitCost) || unitCost < 0) throw new UsageError(`--unit-cost must be a price such as 24.99, not "${costRaw}".`, NAME);
  const currency = requireFlag(p, 'currency', NAME).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency must be a three-letter code such as EUR, not "${currency}".`, NAME);
  const period = requireFlag(p, 'period', NAME);
  if (period !== 'month' && period !== 'year') throw new UsageError(`--period must be month or year, not "${period}".`, NAME);
  const renewal = stringFlag(p, 'renewal');
  if (renewal !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(renewal) || Number.isNaN(Date.parse(renewal)))) {
    throw new UsageError(`--renewal must be a date such as 2027-03-01, not "${renewal}".`, NAME);
  }
  const profile = await ctx.call('profiles:get', { profileId: profileName });
  const saved = await ctx.call('entitlements:set', { profileId: profile.id, licenseType, owned, unitCost, currency, period, ...(renewal ? { renewalDate: renewal } : {}) });
  if (p.values.json) printJson(saved);
  else process.stdout.write(`${profile.name} ${licenseType}: ${owned} seats owned at ${unitCost} ${currency} per ${period}${renewal ? `, renews ${renewal}` : ''}. Costs recomputed.\n`);
  return EXIT.ok;
}

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { profile: { type: 'string' }, json: { type: 'boolean' } });
  const profile = stringFlag(p, 'profile');
  const items = await ctx.call('entitlements:list', { profileId: profile ? (await ctx.profileId(profile)) : undefined });
  if (p.values.json) printJson(items);
  else if (!items.length) process.stdout.write('No entitlements yet. Set one with: seatwise entitlements set --help\n');
  else {
    const names = new Map((await ctx.call('profiles:list', {})).map((x) => [x.id, x.name]));
    process.stdout.write(
      table(
        items.map((e) => ({ profile: names.get(e.profileId) ?? e.profileId, 'license type': e.licenseType, owned: e.owned ?? '', 'unit cost': e.unitCost, currency: e.currency, period: e.period, renewal: e.renewalDate ?? '' })),
        ['profile', 'license type', 'owned', 'unit cost', 'currency', 'period', 'renewal'],
      ) + '\n',
    );
  }
  return EXIT.ok;
}

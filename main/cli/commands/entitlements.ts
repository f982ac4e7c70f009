import type { EntitlementView } from '../../../preload/contract.js';
import { parse, requireFlag, stringFlag, type Parsed } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';

const NAME = 'entitlements';

export const entitlementsCommand: Command = {
  name: NAME,
  summary: 'Set, list and remove seats owned and what they cost',
  usage: [
    'seatwise entitlements set --profile NAME --license-type T [--owned N|unknown] [--unit-cost X] [--currency EUR]',
    '                          [--period month|year] [--renewal YYYY-MM-DD | --no-renewal] [--json]',
    'seatwise entitlements list [--profile NAME] [--json]',
    'seatwise entitlements remove --profile NAME --license-type T [--json]',
    '',
    'The license type is one the profile has (see "seatwise profiles show NAME"); the currency an ISO 4217 code.',
    'A new entitlement needs --owned, --unit-cost, --currency and --period; changing one changes only the flags given.',
  ].join('\n'),
  examples: [
    'seatwise entitlements set --profile "Asana" --license-type "Paid member" --owned 450 --unit-cost 24.99 --currency USD --period month --renewal 2027-03-01',
    'seatwise entitlements set --profile "Asana" --license-type "Paid member" --owned 420',
    'seatwise entitlements list --profile "Asana"',
  ],
  access: (argv) => (argv[0] === 'list' ? 'read' : 'write'),
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    if (sub === 'set') return set(ctx, rest);
    if (sub === 'list') return list(ctx, rest);
    if (sub === 'remove') return remove(ctx, rest);
    throw new UsageError(sub ? `Unknown entitlements subcommand "${sub}".` : 'entitlements needs a subcommand: set, list or remove.', NAME);
  },
};

function owned(p: Parsed): number | null | undefined {
  const raw = stringFlag(p, 'owned');
  if (raw === undefined) return undefined;
  if (raw === 'unknown') return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--owned must be a whole number of seats (or unknown), not "${raw}".`, NAME);
  return value;
}

async function set(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, {
    profile: { type: 'string' },
    'license-type': { type: 'string' },
    owned: { type: 'string' },
    'unit-cost': { type: 'string' },
    currency: { type: 'string' },
    period: { type: 'string' },
    renewal: { type: 'string' },
    'no-renewal': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const profileName = requireFlag(p, 'profile', NAME);
  const licenseType = requireFlag(p, 'license-type', NAME);
  const ownedValue = owned(p);
  const costRaw = stringFlag(p, 'unit-cost');
  const unitCost = costRaw === undefined ? undefined : Number(costRaw);
  if (unitCost !== undefined && (!Number.isFinite(unitCost) || unitCost < 0 || unitCost > 1_000_000)) {
    throw new UsageError(`--unit-cost must be a price such as 24.99, not "${costRaw}".`, NAME);
  }
  const currency = stringFlag(p, 'currency')?.toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency must be a three-letter ISO 4217 code such as EUR, not "${currency}".`, NAME);
  const period = stringFlag(p, 'period');
  if (period !== undefined && period !== 'month' && period !== 'year') throw new UsageError(`--period must be month or year, not "${period}".`, NAME);
  const renewal = stringFlag(p, 'renewal');
  const noRenewal = p.values['no-renewal'] === true;
  if (renewal !== undefined && noRenewal) throw new UsageError('Give --renewal DATE or --no-renewal, not both.', NAME);
  if (renewal !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(renewal) || Number.isNaN(Date.parse(renewal)) || new Date(renewal).toISOString().slice(0, 10) !== renewal)) {
    throw new UsageError(`--renewal must be a date such as 2027-03-01, not "${renewal}".`, NAME);
  }

  const profile = await ctx.call('profiles:get', { profileId: profileName });
  const current = (await ctx.call('entitlements:list', { profileId: profile.id })).find((e) => e.licenseType === licenseType);
  // A change keeps what it does not name: changing the seat count keeps the price and the renewal.
  if (!current) {
    const missing = [
      ownedValue === undefined ? '--owned' : undefined,
      unitCost === undefined ? '--unit-cost' : undefined,
      currency === undefined ? '--currency' : undefined,
      period === undefined ? '--period' : undefined,
    ].filter(Boolean);
    if (missing.length) throw new UsageError(`${profile.name} has no entitlement for "${licenseType}" yet: a new one needs ${missing.join(', ')}.`, NAME);
  } else if (ownedValue === undefined && unitCost === undefined && currency === undefined && period === undefined && renewal === undefined && !noRenewal) {
    throw new UsageError('Give at least one change, such as --owned 420 or --renewal 2027-03-01.', NAME);
  }
  const renewalDate = noRenewal ? undefined : (renewal ?? current?.renewalDate);
  const next = {
    profileId: profile.id,
    licenseType,
    owned: ownedValue === undefined ? (current?.owned ?? null) : ownedValue,
    unitCost: unitCost ?? current!.unitCost,
    currency: currency ?? current!.currency,
    period: (period ?? current!.period) as 'month' | 'year',
    ...(renewalDate ? { renewalDate } : {}),
  };
  const saved = await ctx.call('entitlements:set', next);
  if (p.values.json) printJson(saved);
  else say(`${profile.name} ${licenseType}: ${describe(saved)}. Costs recomputed.\n`);
  return EXIT.ok;
}

function describe(e: EntitlementView): string {
  const seats = e.owned === null ? 'seats owned unknown' : `${e.owned} seats owned`;
  return `${seats} at ${e.unitCost} ${e.currency} per ${e.period}${e.renewalDate ? `, renews ${e.renewalDate}` : ', no renewal date'}`;
}

async function remove(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { profile: { type: 'string' }, 'license-type': { type: 'string' }, json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const profileName = requireFlag(p, 'profile', NAME);
  const licenseType = requireFlag(p, 'license-type', NAME);
  const profile = await ctx.call('profiles:get', { profileId: profileName });
  const result = await ctx.call('entitlements:remove', { profileId: profile.id, licenseType });
  if (p.values.json) printJson({ ...result, profileId: profile.id, profileName: profile.name, licenseType });
  else say(`Removed the entitlement of ${profile.name} ${licenseType}: its seats are unpriced again. Costs recomputed.\n`);
  return EXIT.ok;
}

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { profile: { type: 'string' }, json: { type: 'boolean' } });
  if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, NAME);
  const profile = stringFlag(p, 'profile');
  const items = await ctx.call('entitlements:list', { profileId: profile ? await ctx.profileId(profile) : undefined });
  if (p.values.json) printJson(items);
  else if (!items.length) say('No entitlements yet. Set one with: seatwise entitlements set --help\n');
  else {
    const names = new Map((await ctx.call('profiles:list', {})).map((x) => [x.id, x.name]));
    process.stdout.write(
      table(
        items.map((e) => ({ profile: names.get(e.profileId) ?? e.profileId, 'license type': e.licenseType, owned: e.owned ?? 'unknown', 'unit cost': e.unitCost, currency: e.currency, period: e.period, renewal: e.renewalDate ?? '' })),
        ['profile', 'license type', 'owned', 'unit cost', 'currency', 'period', 'renewal'],
      ) + '\n',
    );
  }
  return EXIT.ok;
}

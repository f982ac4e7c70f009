import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';

const NAME = 'reconciliation';

const money = (value: number | null, currency: string | null): string =>
  value === null ? '' : `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;

export const reconciliationCommand: Command = {
  name: NAME,
  summary: 'Show seats owned against seats used, the waste and the savings, per license type, and the coming renewals',
  usage: [
    'seatwise reconciliation [PROFILE] [--json]',
    '',
    'owned: from the entitlement (seatwise entitlements set) or the vendor; used: paid seats held; inactive: candidates;',
    'unassigned: owned but nobody holds them. Savings count the open and approved candidates with a unit cost.',
  ].join('\n'),
  examples: ['seatwise reconciliation', 'seatwise reconciliation "Asana" --json'],
  access: () => 'read',
  async run(ctx, argv) {
    const p = parse(NAME, argv, { json: { type: 'boolean' } });
    const [profile, extra] = p.positionals;
    if (extra !== undefined) throw new UsageError(`Give at most one PROFILE, not "${p.positionals.join(' ')}".`, NAME);
    const profileId = profile ? await ctx.profileId(profile) : undefined;
    const view = await ctx.call('reconciliation:get', { profileId });
    if (p.values.json) {
      printJson(view);
      return EXIT.ok;
    }
    if (!view.lines.length) {
      say('Nothing to reconcile yet: sync a profile first (seatwise sync NAME).\n');
      return EXIT.ok;
    }
    const names = new Map((await ctx.call('profiles:list', {})).map((x) => [x.id, x.name]));
    process.stdout.write(
      table(
        view.lines.map((l) => ({
          profile: names.get(l.profileId) ?? l.profileId,
          'license type': l.licenseType,
          owned: l.owned ?? 'unknown',
          used: l.used,
          inactive: l.inactive,
          pending: l.pendingReclaim,
          unassigned: l.unassigned,
          over: l.overAllocated ? `+${l.overBy}` : '',
          'unit/month': money(l.monthlyUnitCost, l.currency),
          'waste/month': l.monthlyUnitCost === null ? 'no unit cost' : money(l.monthlyWaste, l.currency),
          'savings/year': l.monthlyUnitCost === null ? '' : money(l.potentialAnnualSavings, l.currency),
        })),
        ['profile', 'license type', 'owned', 'used', 'inactive', 'pending', 'unassigned', 'over', 'unit/month', 'waste/month', 'savings/year'],
      ) + '\n',
    );
    for (const t of view.totals) {
      process.stdout.write(`\nTotal in ${t.currency}: waste ${money(t.monthlyWaste, t.currency)} a month; potential savings ${money(t.potentialMonthlySavings, t.currency)} a month, ${money(t.potentialAnnualSavings, t.currency)} a year.\n`);
    }
    const over = view.lines.filter((l) => l.overAllocated);
    if (over.length) process.stdout.write(`\nMore seats in use than owned: ${over.map((l) => `${names.get(l.profileId) ?? l.profileId} ${l.licenseType} (+${l.overBy})`).join(', ')}: expect a true-up.\n`);
    if (view.renewals.length) {
      process.stdout.write('\nRenewals:\n');
      for (const r of view.renewals) {
        process.stdout.write(
          `  ${names.get(r.profileId) ?? r.profileId} ${r.licenseType}: renews ${r.renewalDate} (in ${r.daysToRenewal} days); owned ${r.owned ?? 'unknown'}, used ${r.used}, inactive ${r.inactive}: renew ${r.recommendedSeats} seats.\n`,
        );
      }
    }
    return EXIT.ok;
  },
};

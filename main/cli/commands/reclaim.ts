import path from 'node:path';
import readline from 'node:readline/promises';
import type { ReclaimEffectView, ReclaimPlan } from '../../../preload/contract.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../output.js';

const NAME = 'reclaim';

function describeCall(c: ReclaimPlan['calls'][number]): string {
  const tier = c.downgradeTo ? `${c.licenseType} -> ${c.downgradeTo}` : c.licenseType;
  const saving = c.monthlySaving === undefined ? '' : c.monthlySaving === null ? `; saving unknown: ${c.savingNote ?? 'no unit cost'}` : `; saves ${c.monthlySaving.toFixed(2)} ${c.currency ?? ''}/month`.trimEnd();
  return `${c.call.method} ${c.call.url}${c.call.body === undefined ? '' : ` ${JSON.stringify(c.call.body)}`}   # ${c.email} (${tier})${saving}`;
}

/** "Saving: 40.00 USD a month (2 seats unknown: set a unit cost)": a downgrade counts only the price difference. */
function describeSavings(total: Pick<ReclaimPlan, 'savings' | 'unknownSavings'>): string | undefined {
  const known = (total.savings ?? []).map((s) => `${s.monthly.toFixed(2)} ${s.currency}`);
  const unknown = total.unknownSavings ?? 0;
  if (!known.length && !unknown) return undefined;
  return `Saving: ${known.length ? `${known.join(' + ')} a month` : 'unknown'}${unknown ? ` (${unknown} seat(s) save an unknown amount: set a unit cost for their tier)` : ''}.`;
}

/** What the action does at the vendor, what is left to do there, and what undo restores. */
export function describeEffect(e: ReclaimEffectView): string[] {
  const lines = [`What it does: ${e.vendorChange}`];
  if (e.adminTodo) lines.push(`Still to do at the vendor: ${e.adminTodo}`);
  if (!e.undoLabel) lines.push('Undo: not possible through Seatwise.');
  else if (e.undoRestores === 'everything') lines.push(`Undo ("${e.undoLabel}", seatwise undo AUDIT_ID) restores everything.`);
  else lines.push(`Undo ("${e.undoLabel}", seatwise undo AUDIT_ID): ${e.undoLoses ?? 'restores the seat only.'}`);
  return lines;
}

const ACTIONS = ['remove', 'freeze', 'downgrade'] as const;

async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export const reclaimCommand: Command = {
  name: NAME,
  summary: 'Reclaim approved seats through the vendor (dry run lists the exact calls)',
  usage: [
    'seatwise reclaim PROFILE [--candidate ID...|--approved] [--action remove|freeze|downgrade] [--downgrade]',
    '                         [--dry-run] [--yes] [--ignore-notice-date] [--out TASKS.csv] [--json]',
    '',
    'An app with no API (--vendor csv) is reclaimed by a task list: --out writes one row per seat (email, name,',
    'license type, what to do, candidate id) for a ticket. The seats stay pending ("task written") until',
    '"seatwise candidates mark-reclaimed ID..." or until the next import no longer lists the person.',
    'Seats under a "notify user" rule are skipped until the date in their notice ("not yet: notice date D");',
    '--ignore-notice-date takes the seats named with --candidate before it, and the audit log says so.',
    '--action freeze (Salesforce) freezes the user instead of deactivating them: reversible, but the license stays billed.',
    '--downgrade (the same as --action downgrade) moves each seat to the cheaper tier the vendor offers instead of',
    'removing it: the person and their data stay. Without --action, each rule\'s own action (rules set --action) applies.',
  ].join('\n'),
  examples: [
    'seatwise reclaim "Asana" --approved --dry-run',
    'seatwise reclaim "Asana" --candidate c-0123456789abcdef --yes',
    'seatwise reclaim "Salesforce" --candidate c-0123456789abcdef --action freeze --yes',
    'seatwise reclaim "Design tool" --approved --yes --out tasks.csv',
  ],
  async run(ctx, argv) {
    const p = parse(NAME, argv, {
      candidate: { type: 'string', multiple: true },
      approved: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
      action: { type: 'string' },
      downgrade: { type: 'boolean' },
      'ignore-notice-date': { type: 'boolean' },
      out: { type: 'string' },
    });
    const [profileName, extra] = p.positionals;
    if (!profileName) throw new UsageError('reclaim needs a PROFILE.', NAME);
    if (extra) throw new UsageError(`Unexpected argument "${extra}".`, NAME);
    const candidateIds = (p.values.candidate as string[] | undefined) ?? [];
    const approved = p.values.approved === true;
    if (candidateIds.length > 0 === approved) throw new UsageError('Give --candidate ID (repeatable) or --approved.', NAME);
    if (p.values.downgrade === true && typeof p.values.action === 'string' && p.values.action !== 'downgrade') {
      throw new UsageError(`--downgrade and --action ${p.values.action} ask for two different things: give one.`, NAME);
    }
    const actionFlag = typeof p.values.action === 'string' ? p.values.action : p.values.downgrade === true ? 'downgrade' : undefined;
    const action = actionFlag === undefined ? undefined : ACTIONS.find((a) => a === actionFlag);
    if (actionFlag !== undefined && !action) throw new UsageError(`--action must be one of ${ACTIONS.join(', ')}, not "${actionFlag}".`, NAME);
    const ignoreNoticeDate = p.values['ignore-notice-date'] === true;
    if (ignoreNoticeDate && !candidateIds.length) throw new UsageError('--ignore-notice-date needs the seats named with --candidate ID.', NAME);
    const dryRun = p.values['dry-run'] === true;
    const yes = p.values.yes === true;
    if (!dryRun && !yes && !process.stdin.isTTY) {
      throw new UsageError('Refusing to reclaim without confirmation: standard input is not a terminal. Add --yes to confirm, or --dry-run to see the calls.', NAME);
    }
    const profileId = (await ctx.profileId(profileName));
    const out = typeof p.values.out === 'string' ? p.values.out : undefined;
    const vendor = (await ctx.call('profiles:get', { profileId })).vendor;
    // An app with no API: its reclaim is a task list, never a vendor call.
    const noApi = vendor === 'csv';
    if (out !== undefined && !noApi) throw new UsageError(`--out writes a task list, for an app with no API; "${profileName}" is reclaimed through its vendor.`, NAME);
    if (noApi && !dryRun) {
      if (out === undefined) throw new UsageError(`"${profileName}" has no API: write its task list with --out tasks.csv (then mark the seats with seatwise candidates mark-reclaimed ID...).`, NAME);
      if (action || ignoreNoticeDate) throw new UsageError('--action and --ignore-notice-date are for vendor calls; a task list takes the approved seats as they are.', NAME);
      const list = await ctx.call('reclaim:taskList', { profileId, ...(candidateIds.length ? { candidateIds } : { approved: true as const }), out: path.resolve(out) });
      if (p.values.json) printJson(list);
      else {
        process.stdout.write(`Task list written to ${list.path}: ${list.tasks.length} seat(s) to remove in "${list.profileName}". Nothing is reclaimed yet.\n`);
        for (const t of list.tasks) process.stdout.write(`  task written ${t.candidateId} ${t.email} (${t.licenseType})\n`);
        for (const s of list.skipped) process.stdout.write(`  skip ${s.candidateId} ${s.email}: ${s.reason}\n`);
        if (list.tasks.length) process.stdout.write(`Once removed in the app: seatwise candidates mark-reclaimed ${list.tasks.map((t) => t.candidateId).join(' ')}\n`);
      }
      return EXIT.ok;
    }
    const selection = {
      ...(candidateIds.length ? { profileId, candidateIds } : { profileId, approved: true as const }),
      ...(action ? { action } : {}),
      ...(ignoreNoticeDate ? { ignoreNoticeDate: true } : {}),
    };
    const plan = await ctx.call('reclaim:plan', selection);
    if (dryRun) {
      if (p.values.json) printJson(plan);
      else {
        process.stdout.write(`Dry run for "${plan.profileName}" (${plan.effect.label}): ${plan.calls.length} call(s) would be made, nothing was changed.\n`);
        for (const c of plan.calls) process.stdout.write(`  ${describeCall(c)}\n`);
        const saving = plan.calls.length ? describeSavings(plan) : undefined;
        if (saving) process.stdout.write(`${saving}\n`);
        if (plan.calls.length) for (const line of describeEffect(plan.effect)) process.stdout.write(`${line}\n`);
        for (const s of plan.skipped) process.stdout.write(`  skip ${s.candidateId} ${s.email}: ${s.reason}\n`);
      }
      return EXIT.ok;
    }
    if (!plan.calls.length) {
      if (p.values.json) printJson({ profileId, reclaimed: 0, failed: 0, skipped: plan.skipped.length, outcomes: plan.skipped.map((s) => ({ ...s, outcome: 'skipped', message: s.reason })) });
      else {
        process.stdout.write(`Nothing to reclaim in "${plan.profileName}".\n`);
        for (const s of plan.skipped) process.stdout.write(`  skip ${s.candidateId} ${s.email}: ${s.reason}\n`);
      }
      return EXIT.ok;
    }
    let confirmCount = plan.calls.length;
    if (!yes) {
      for (const c of plan.calls) process.stderr.write(`  ${describeCall(c)}\n`);
      for (const line of describeEffect(plan.effect)) process.stderr.write(`${line}\n`);
      if (plan.calls.length > plan.confirmAbove) {
        const typed = await ask(`Type the number of seats to reclaim (${plan.calls.length}) to confirm: `);
        confirmCount = Number(typed);
        if (confirmCount !== plan.calls.length) {
          process.stderr.write('Not confirmed: nothing was reclaimed.\n');
          return EXIT.failure;
        }
      } else if (!/^y(es)?$/i.test(await ask(`Reclaim ${plan.calls.length} seat(s) in "${plan.profileName}"? [y/N] `))) {
        process.stderr.write('Not confirmed: nothing was reclaimed.\n');
        return EXIT.failure;
      }
    }
    const result = await ctx.call('reclaim:run', { ...selection, confirmCount });
    if (p.values.json) printJson(result);
    else {
      for (const o of result.outcomes) {
        process.stdout.write(`${o.outcome.padEnd(9)} ${o.candidateId} ${o.email}${o.message ? `: ${o.message}` : ''}${o.auditId && o.outcome === 'reclaimed' ? ` (undo: seatwise undo ${o.auditId})` : ''}\n`);
        if (o.outcome === 'failed' && o.alternatives?.length) {
          process.stdout.write(`          instead: seatwise reclaim "${plan.profileName}" --candidate ${o.candidateId} --action ${o.alternatives[0]}\n`);
        }
      }
      if (result.reclaimed > 0) for (const line of describeEffect(plan.effect)) process.stdout.write(`${line}\n`);
      const saving = result.reclaimed > 0 ? describeSavings(result) : undefined;
      if (saving) process.stdout.write(`${saving}\n`);
      process.stdout.write(`${result.reclaimed} reclaimed, ${result.failed} failed, ${result.skipped} skipped.\n`);
    }
    return result.failed > 0 ? EXIT.failure : EXIT.ok;
  },
};

export const undoCommand: Command = {
  name: 'undo',
  summary: "Undo a reclaim by its audit id (the vendor's own undo: re-add, reactivate, unfreeze)",
  usage: 'seatwise undo AUDIT_ID [--json]',
  examples: ['seatwise audit   # find the reclaim event', 'seatwise undo 3f1c0d9e-...'],
  async run(ctx, argv) {
    const p = parse('undo', argv, { json: { type: 'boolean' } });
    const [auditId, extra] = p.positionals;
    if (!auditId || extra) throw new UsageError('undo needs one AUDIT_ID (see "seatwise audit").', 'undo');
    const result = await ctx.call('reclaim:undo', { auditId });
    if (p.values.json) printJson(result);
    else process.stdout.write(`Undone: candidate ${result.candidateId} is open again (audit ${result.auditId}).\n`);
    return EXIT.ok;
  },
};

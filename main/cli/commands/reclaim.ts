import readline from 'node:readline/promises';
import type { ReclaimPlan } from '../../../preload/contract.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../output.js';

const NAME = 'reclaim';

function describeCall(c: ReclaimPlan['calls'][number]): string {
  return `${c.call.method} ${c.call.url}${c.call.body === undefined ? '' : ` ${JSON.stringify(c.call.body)}`}   # ${c.email} (${c.licenseType})`;
}

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
  usage: 'seatwise reclaim PROFILE [--candidate ID...|--approved] [--dry-run] [--yes] [--json]',
  examples: ['seatwise reclaim "Asana" --approved --dry-run', 'seatwise reclaim "Asana" --candidate c-0123456789abcdef --yes'],
  async run(ctx, argv) {
    const p = parse(NAME, argv, {
      candidate: { type: 'string', multiple: true },
      approved: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const [profileName, extra] = p.positionals;
    if (!profileName) throw new UsageError('reclaim needs a PROFILE.', NAME);
    if (extra) throw new UsageError(`Unexpected argument "${extra}".`, NAME);
    const candidateIds = (p.values.candidate as string[] | undefined) ?? [];
    const approved = p.values.approved === true;
    if (candidateIds.length > 0 === approved) throw new UsageError('Give --candidate ID (repeatable) or --approved.', NAME);
    const dryRun = p.values['dry-run'] === true;
    const yes = p.values.yes === true;
    if (!dryRun && !yes && !process.stdin.isTTY) {
      throw new UsageError('Refusing to reclaim without confirmation: standard input is not a terminal. Add --yes to confirm, or --dry-run to see the calls.', NAME);
    }
    const app = await ctx.openApp();
    const profileId = app.profiles.require(profileName).id;
    const selection = candidateIds.length ? { profileId, candidateIds } : { profileId, approved: true as const };
    const plan = await app.service['reclaim:plan'](selection);
    if (dryRun) {
      if (p.values.json) printJson(plan);
      else {
        process.stdout.write(`Dry run for "${plan.profileName}": ${plan.calls.length} call(s) would be made, nothing was changed.\n`);
        for (const c of plan.calls) process.stdout.write(`  ${describeCall(c)}\n`);
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
    const result = await app.service['reclaim:run']({ ...selection, confirmCount });
    if (p.values.json) printJson(result);
    else {
      for (const o of result.outcomes) {
        process.stdout.write(`${o.outcome.padEnd(9)} ${o.candidateId} ${o.email}${o.message ? `: ${o.message}` : ''}${o.auditId && o.outcome === 'reclaimed' ? ` (undo: seatwise undo ${o.auditId})` : ''}\n`);
      }
      process.stdout.write(`${result.reclaimed} reclaimed, ${result.failed} failed, ${result.skipped} skipped.\n`);
    }
    return result.failed > 0 ? EXIT.failure : EXIT.ok;
  },
};

export const undoCommand: Command = {
  name: 'undo',
  summary: 'Re-add or reactivate a reclaimed seat, by the audit id of its reclaim',
  usage: 'seatwise undo AUDIT_ID [--json]',
  examples: ['seatwise audit   # find the reclaim event', 'seatwise undo 3f1c0d9e-...'],
  async run(ctx, argv) {
    const p = parse('undo', argv, { json: { type: 'boolean' } });
    const [auditId, extra] = p.positionals;
    if (!auditId || extra) throw new UsageError('undo needs one AUDIT_ID (see "seatwise audit").', 'undo');
    const app = await ctx.openApp();
    const result = await app.service['reclaim:undo']({ auditId });
    if (p.values.json) printJson(result);
    else process.stdout.write(`Undone: candidate ${result.candidateId} is open again (audit ${result.auditId}).\n`);
    return EXIT.ok;
  },
};

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { candidateStatusSchema, type CandidateStatusName } from '../../../preload/contract.js';
import { parse, stringFlag } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { note, printJson, say, table } from '../output.js';

const NAME = 'candidates';
const FORMATS = ['csv', 'json', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

export const candidatesCommand: Command = {
  name: NAME,
  summary: 'List or export reclamation candidates; approve or reject them',
  usage: [
    'seatwise candidates [PROFILE|--all] [--status S] [--format csv|json|xlsx] [--out FILE] [--json]',
    'seatwise candidates approve ID... [--json]',
    'seatwise candidates reject ID... [--reason TEXT] [--json]',
    'seatwise candidates mark-reclaimed ID... [--json]',
    '',
    '"mark-reclaimed" says the users of an app with no API (a CSV app) were removed in the app by hand, after its',
    'task list: the approved candidates become reclaimed, audited, and count as saved.',
    '--json lists the candidates as JSON (the same rows as --format json). A rejection\'s --reason is kept in the audit log.',
  ].join('\n'),
  examples: [
    'seatwise candidates "Asana" --status open --format csv --out candidates.csv',
    'seatwise candidates --all --format json > candidates.json',
    'seatwise candidates approve c-0123456789abcdef c-fedcba9876543210',
    'seatwise candidates reject c-00112233445566ff --reason "On parental leave until June"',
  ],
  access: (argv) => (argv[0] === 'approve' || argv[0] === 'reject' || argv[0] === 'mark-reclaimed' ? 'write' : 'read'),
  async run(ctx, argv) {
    const [sub, ...rest] = argv;
    if (sub === 'approve' || sub === 'reject') return decide(ctx, rest, sub === 'approve' ? 'approved' : 'rejected');
    if (sub === 'mark-reclaimed') return markReclaimed(ctx, rest);
    return listOrExport(ctx, argv);
  },
};

async function markReclaimed(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { json: { type: 'boolean' } });
  if (!p.positionals.length) throw new UsageError('candidates mark-reclaimed needs one or more candidate IDs.', NAME);
  const result = await ctx.call('candidates:markReclaimed', { candidateIds: p.positionals });
  if (p.values.json) printJson(result);
  else {
    say(`Marked ${result.reclaimed.length} candidate(s) reclaimed.\n`);
    for (const u of result.unchanged) process.stderr.write(`  ${u.id}: ${u.reason}\n`);
  }
  return result.unchanged.length ? EXIT.failure : EXIT.ok;
}

async function decide(ctx: CliContext, argv: string[], status: 'approved' | 'rejected'): Promise<number> {
  const p = parse(NAME, argv, { json: { type: 'boolean' }, ...(status === 'rejected' ? { reason: { type: 'string' } } : {}) });
  if (!p.positionals.length) throw new UsageError(`candidates ${status === 'approved' ? 'approve' : 'reject'} needs one or more candidate IDs.`, NAME);
  const reason = stringFlag(p, 'reason')?.trim();
  if (reason !== undefined && !reason) throw new UsageError('--reason needs a text, such as --reason "On parental leave".', NAME);
  if (reason !== undefined && reason.length > 500) throw new UsageError(`--reason is ${reason.length} characters long; at most 500 are kept.`, NAME);
  const result = await ctx.call('candidates:setStatus', { ids: p.positionals, status, ...(reason ? { reason } : {}) });
  if (p.values.json) printJson(result);
  else {
    say(`${status === 'approved' ? 'Approved' : 'Rejected'} ${result.updated} candidate(s).\n`);
    for (const u of result.unchanged) process.stderr.write(`  ${u.id}: ${u.reason}\n`);
  }
  return result.unchanged.some((u) => u.reason === 'no such candidate') ? EXIT.failure : EXIT.ok;
}

async function listOrExport(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parse(NAME, argv, { all: { type: 'boolean' }, status: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
  const all = p.values.all === true;
  if (p.positionals.length > 1) throw new UsageError(`Give one PROFILE or --all, not "${p.positionals.join(' ')}".`, NAME);
  if (all && p.positionals.length) throw new UsageError('Give a PROFILE or --all, not both.', NAME);
  const statusRaw = stringFlag(p, 'status');
  let status: CandidateStatusName | undefined;
  if (statusRaw !== undefined) {
    const parsed = candidateStatusSchema.safeParse(statusRaw);
    if (!parsed.success) throw new UsageError(`--status must be one of ${candidateStatusSchema.options.join(', ')}, not "${statusRaw}".`, NAME);
    status = parsed.data;
  }
  const formatRaw = stringFlag(p, 'format') ?? (p.values.json ? 'json' : undefined);
  if (formatRaw !== undefined && !(FORMATS as readonly string[]).includes(formatRaw)) throw new UsageError(`--format must be csv, json or xlsx, not "${formatRaw}".`, NAME);
  const format = formatRaw as Format | undefined;
  const out = stringFlag(p, 'out');
  if (out && !format) throw new UsageError('--out needs --format csv|json|xlsx.', NAME);
  if (format === 'xlsx' && !out) throw new UsageError('An XLSX workbook needs --out FILE; it is not written to standard output.', NAME);

  const profileId = p.positionals[0] ? (await ctx.profileId(p.positionals[0])) : undefined;
  if (format) {
    if (out) {
      const result = await ctx.call('candidates:export', { profileId, status, format, out: path.resolve(out) });
      note(`Wrote ${result.rows} candidate(s) to ${result.path}\n`);
      return EXIT.ok;
    }
    // Standard output: write the same file to a private temporary folder, then stream it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-export-'));
    try {
      const file = path.join(dir, `candidates.${format}`);
      await ctx.call('candidates:export', { profileId, status, format, out: file });
      await pipeline(fs.createReadStream(file), process.stdout, { end: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return EXIT.ok;
  }
  const rows = await ctx.call('candidates:list', { profileId, status });
  if (!rows.length) say('No candidates.\n');
  else {
    process.stdout.write(
      table(
        rows.map((c) => ({ id: c.id, profile: c.profileName, email: c.email, 'license type': c.licenseType, days: c.daysInactive, status: c.status, cost: c.monthlyCost === null ? '' : `${c.monthlyCost} ${c.currency ?? ''}`, why: c.why })),
        ['id', 'profile', 'email', 'license type', 'days', 'status', 'cost', 'why'],
      ) + '\n',
    );
  }
  return EXIT.ok;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { auditExportFormatSchema, type AuditExportFormat } from '../../../preload/contract.js';
import { intFlag, parse, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import type { CliContext } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { note, printJson, say, table } from '../output.js';
import type { Parsed } from '../args.js';

/** A day (all of it, UTC) or a moment; as the first and last millisecond it covers. */
function timeFlag(p: Parsed, name: 'since' | 'until'): { from: number; to: number } | undefined {
  const raw = stringFlag(p, name);
  if (raw === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const from = Date.parse(`${raw}T00:00:00Z`);
    if (!Number.isNaN(from) && new Date(from).toISOString().slice(0, 10) === raw) return { from, to: from + 86_400_000 - 1 };
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) {
    const at = Date.parse(raw);
    if (!Number.isNaN(at)) return { from: at, to: at };
  }
  throw new UsageError(`--${name} must be a day such as 2026-03-01 or a moment such as 2026-03-01T09:30:00Z, not "${raw}".`, 'audit');
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Show or export the audit log: reclaims, undos, rule, exclusion and connection changes',
  usage: [
    'seatwise audit [--since DATE] [--until DATE] [--limit N] [--json]',
    'seatwise audit --format csv|json [--out FILE]',
    '',
    'DATE is a day (2026-03-01, the whole day in UTC) or a moment (2026-03-01T09:30:00Z); both ends are included.',
    'An export always holds the whole log; --since, --until and --limit narrow what is listed.',
  ].join('\n'),
  examples: ['seatwise audit --limit 20', 'seatwise audit --since 2026-01-01 --until 2026-03-31 --json', 'seatwise audit --json > audit.json', 'seatwise audit --format csv --out audit.csv'],
  access: () => 'read',
  async run(ctx, argv) {
    const p = parse('audit', argv, { limit: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } });
    if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, 'audit');
    const limit = intFlag(p, 'limit', 'audit', { min: 1, max: 100_000 });
    const since = timeFlag(p, 'since');
    const until = timeFlag(p, 'until');
    if (since !== undefined && until !== undefined && since.from > until.to) throw new UsageError(`--since ${stringFlag(p, 'since')} is after --until ${stringFlag(p, 'until')}.`, 'audit');
    const formatRaw = stringFlag(p, 'format');
    const out = stringFlag(p, 'out');
    if (formatRaw !== undefined) {
      const parsed = auditExportFormatSchema.safeParse(formatRaw);
      if (!parsed.success) throw new UsageError(`--format must be csv or json, not "${formatRaw}".`, 'audit');
      // An export is the whole log, the same file the Audit screen writes: a partial one would mislead.
      if (limit !== undefined) throw new UsageError('--limit does not apply to an export: it always holds the whole log.', 'audit');
      if (since || until) throw new UsageError('--since and --until do not apply to an export: it always holds the whole log. List a period with --json.', 'audit');
      if (p.values.json) throw new UsageError('Give --json or --format, not both.', 'audit');
      return exportTo(ctx, parsed.data, out);
    }
    if (out !== undefined) throw new UsageError('--out needs --format csv|json.', 'audit');
    const windowed = since !== undefined || until !== undefined;
    const all = await ctx.call('audit:list', windowed ? {} : { limit });
    const inWindow = windowed
      ? all.filter((e) => {
          const at = Date.parse(e.at);
          return (since === undefined || at >= since.from) && (until === undefined || at <= until.to);
        })
      : all;
    const events = windowed && limit !== undefined ? inWindow.slice(0, limit) : inWindow;
    if (p.values.json) printJson(events);
    else if (!events.length) say(windowed && all.length ? 'No audit events in that period.\n' : 'The audit log is empty.\n');
    else {
      process.stdout.write(
        table(
          events.map((e) => ({ id: e.id, at: e.at.slice(0, 19).replace('T', ' '), who: e.actor, action: e.action, target: e.target ?? '', message: e.message ?? '' })),
          ['id', 'at', 'who', 'action', 'target', 'message'],
        ) + '\n',
      );
    }
    return EXIT.ok;
  },
};

async function exportTo(ctx: CliContext, format: AuditExportFormat, out: string | undefined): Promise<number> {
  if (out) {
    const result = await ctx.call('audit:export', { format, out: path.resolve(out) });
    note(`Wrote ${result.rows} audit event(s) to ${result.path}\n`);
    return EXIT.ok;
  }
  // Standard output: write the same file to a private temporary folder, then stream it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-audit-'));
  try {
    const file = path.join(dir, `audit.${format}`);
    await ctx.call('audit:export', { format, out: file });
    await pipeline(fs.createReadStream(file), process.stdout, { end: false });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return EXIT.ok;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { auditExportFormatSchema, type AuditExportFormat } from '../../../preload/contract.js';
import { intFlag, parse, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import type { CliContext } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, table } from '../output.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Show or export the audit log: reclaims, undos, rule, exclusion and connection changes',
  usage: 'seatwise audit [--limit N] [--json]\nseatwise audit --format csv|json [--out FILE]',
  examples: ['seatwise audit --limit 20', 'seatwise audit --json > audit.json', 'seatwise audit --format csv --out audit.csv'],
  async run(ctx, argv) {
    const p = parse('audit', argv, { limit: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } });
    if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, 'audit');
    const limit = intFlag(p, 'limit', 'audit', { min: 1, max: 100_000 });
    const formatRaw = stringFlag(p, 'format');
    const out = stringFlag(p, 'out');
    if (formatRaw !== undefined) {
      const parsed = auditExportFormatSchema.safeParse(formatRaw);
      if (!parsed.success) throw new UsageError(`--format must be csv or json, not "${formatRaw}".`, 'audit');
      // An export is the whole log, the same file the Audit screen writes: a partial one would mislead.
      if (limit !== undefined) throw new UsageError('--limit does not apply to an export: it always holds the whole log.', 'audit');
      if (p.values.json) throw new UsageError('Give --json or --format, not both.', 'audit');
      return exportTo(ctx, parsed.data, out);
    }
    if (out !== undefined) throw new UsageError('--out needs --format csv|json.', 'audit');
    const events = await ctx.call('audit:list', { limit });
    if (p.values.json) printJson(events);
    else if (!events.length) process.stdout.write('The audit log is empty.\n');
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
    process.stderr.write(`Wrote ${result.rows} audit event(s) to ${result.path}\n`);
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

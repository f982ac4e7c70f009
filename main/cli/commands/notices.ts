import path from 'node:path';
import { NOTICE_FORMATS, type NoticeFormat } from '../../../preload/contract.js';
import { parse, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { note, printJson } from '../output.js';

const NAME = 'notices';

export const noticesCommand: Command = {
  name: NAME,
  summary: 'Print or export the "notify user" notices of open and approved candidates',
  usage: 'seatwise notices [PROFILE|--all] [--format csv|txt] [--out FILE] [--json]',
  examples: ['seatwise notices "Asana"', 'seatwise notices --all --format csv --out notices.csv', 'seatwise notices "Asana" --json'],
  access: () => 'read',
  async run(ctx, argv) {
    const p = parse(NAME, argv, { all: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
    if (p.positionals.length > 1) throw new UsageError(`Give one PROFILE or --all, not "${p.positionals.join(' ')}".`, NAME);
    if (p.values.all === true && p.positionals.length) throw new UsageError('Give a PROFILE or --all, not both.', NAME);
    const formatRaw = stringFlag(p, 'format');
    if (formatRaw !== undefined && !(NOTICE_FORMATS as readonly string[]).includes(formatRaw)) throw new UsageError(`--format must be csv or txt, not "${formatRaw}".`, NAME);
    const out = stringFlag(p, 'out');
    if (p.values.json && (formatRaw !== undefined || out !== undefined)) throw new UsageError('Give --json, or --format and --out, not both.', NAME);
    // Without --format, a file named .csv gets CSV; everything else, and the terminal, plain text.
    const format: NoticeFormat = (formatRaw as NoticeFormat | undefined) ?? (out && /\.csv$/i.test(out) ? 'csv' : 'txt');

    const profileId = p.positionals[0] ? await ctx.profileId(p.positionals[0]) : undefined;
    if (out) {
      const result = await ctx.call('notices:export', { profileId, format, out: path.resolve(out) });
      note(`Wrote ${result.rows} notice(s) to ${result.path}\n`);
      return EXIT.ok;
    }
    const notices = await ctx.call('notices:list', { profileId });
    if (p.values.json) {
      printJson(notices);
      return EXIT.ok;
    }
    if (!notices.length && format === 'txt') {
      note('No notices: no open or approved candidate has a rule with "notify user" on.\n');
      return EXIT.ok;
    }
    const { formatNotices } = await import('../../reclamation/notice-export.js');
    process.stdout.write(formatNotices(notices, format));
    return EXIT.ok;
  },
};

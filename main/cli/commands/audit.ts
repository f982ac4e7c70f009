import { intFlag, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, table } from '../output.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Show the audit log: reclaims, undos, rule, exclusion and connection changes',
  usage: 'seatwise audit [--limit N] [--json]',
  examples: ['seatwise audit --limit 20', 'seatwise audit --json > audit.json'],
  async run(ctx, argv) {
    const p = parse('audit', argv, { limit: { type: 'string' }, json: { type: 'boolean' } });
    if (p.positionals.length) throw new UsageError(`Unexpected argument "${p.positionals[0]}".`, 'audit');
    const limit = intFlag(p, 'limit', 'audit', { min: 1, max: 100_000 });
    const app = await ctx.openApp();
    const events = await app.service['audit:list']({ limit });
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

import { intFlag, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say, table } from '../output.js';

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'Show recent sync jobs and their results',
  usage: 'seatwise jobs [PROFILE] [--limit N] [--json]',
  examples: ['seatwise jobs', 'seatwise jobs "Asana" --json'],
  access: () => 'read',
  async run(ctx, argv) {
    const p = parse('jobs', argv, { limit: { type: 'string' }, json: { type: 'boolean' } });
    if (p.positionals.length > 1) throw new UsageError(`Give at most one PROFILE, not "${p.positionals.join(' ')}".`, 'jobs');
    const limit = intFlag(p, 'limit', 'jobs', { min: 1, max: 1000 });
    const profileId = p.positionals[0] ? (await ctx.profileId(p.positionals[0])) : undefined;
    const jobs = await ctx.call('jobs:list', { profileId, limit });
    if (p.values.json) printJson(jobs);
    else if (!jobs.length) say('No jobs yet.\n');
    else {
      process.stdout.write(
        table(
          jobs.map((j) => ({
            id: j.id,
            profile: j.profileName,
            trigger: j.trigger,
            state: j.state,
            started: j.startedAt.slice(0, 19).replace('T', ' '),
            seats: j.counts.seats,
            candidates: j.counts.candidates,
            error: j.error ?? '',
          })),
          ['id', 'profile', 'trigger', 'state', 'started', 'seats', 'candidates', 'error'],
        ) + '\n',
      );
    }
    return EXIT.ok;
  },
};

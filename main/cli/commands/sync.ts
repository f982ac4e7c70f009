import type { JobResult, ReclaimedSeat } from '../../../preload/contract.js';
import { parse } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { endProgress, printJson, progressLine } from '../output.js';
import { describeJob } from './profiles.js';

const NAME = 'sync';

/** The JSON summary scripts read: a public interface, fields are only ever added. */
export interface SyncSummary {
  profile: string;
  status: JobResult['state'];
  seats: number;
  freeSeats: number;
  deactivatedSeats: number;
  subscriptions: number;
  activityAvailable: boolean | null;
  candidates: number;
  startedAt: string;
  finishedAt: string | undefined;
  requests: number;
  /** Every vendor write the sync made (automatic reclaim); empty when none. */
  reclaimed: ReclaimedSeat[];
  error: string | null;
}

export function printJobSummary(job: JobResult): SyncSummary {
  return {
    profile: job.profileName,
    status: job.state,
    seats: job.counts.seats,
    freeSeats: job.counts.freeSeats,
    deactivatedSeats: job.counts.deactivatedSeats ?? 0,
    subscriptions: job.counts.subscriptions,
    activityAvailable: job.activityAvailable,
    candidates: job.counts.candidates,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    requests: job.counts.requests,
    reclaimed: job.reclaimed ?? [],
    error: job.error ?? null,
  };
}

const FINISHED = new Set<JobResult['state']>(['succeeded', 'failed', 'cancelled', 'interrupted']);

/**
 * Starts (or joins) a profile's run through the contract and shows its progress on a terminal
 * until it ends. `start` is the contract call that starts it (sync:run, or profiles:publish
 * followed by sync:run, which joins the publish's own run).
 */
export async function waitForJob(ctx: CliContext, profileId: string, start: () => Promise<JobResult>): Promise<JobResult> {
  const app = await ctx.openApp();
  let resolveDone: (job: JobResult) => void = () => undefined;
  const done = new Promise<JobResult>((resolve) => (resolveDone = resolve));
  let jobId: string | undefined;
  const finishedEarly = new Map<string, JobResult>();
  const off = app.events.on((name, payload) => {
    if (name === 'sync:progress') {
      const p = payload as { profileId: string; phase: string; pages: number; users: number };
      if (p.profileId === profileId) progressLine(`${p.phase}: ${p.pages} pages, ${p.users} users`);
    } else if (name === 'jobs:changed') {
      const { job } = payload as { job: JobResult };
      if (job.profileId !== profileId || !FINISHED.has(job.state)) return;
      if (jobId === undefined) finishedEarly.set(job.id, job);
      else if (job.id === jobId) resolveDone(job);
    }
  });
  const cancel = (): void => void ctx.call('sync:cancel', { profileId }).catch(() => undefined);
  process.once('SIGINT', cancel);
  try {
    const job = await start();
    jobId = job.id;
    const early = finishedEarly.get(job.id);
    if (early) resolveDone(early);
    else if (FINISHED.has(job.state)) resolveDone(job);
    return await done;
  } finally {
    process.off('SIGINT', cancel);
    off();
    endProgress();
  }
}

export const syncCommand: Command = {
  name: NAME,
  summary: 'Download seats and activity now, recompute candidates, and reclaim what rules set to reclaim automatically allow',
  usage: [
    'seatwise sync NAME|--all [--no-reclaim] [--json]',
    '',
    'A sync writes to a vendor only for seats an admin approved under a rule with automatic reclaim on',
    '(seatwise rules set RULE_ID --auto-reclaim on), and never before the date in the person\'s notice.',
    'Every such call is listed in the output and in --json ("reclaimed"). --no-reclaim: no vendor writes at all.',
  ].join('\n'),
  examples: ['seatwise sync "Asana"', 'seatwise sync --all --json > last-sync.json'],
  async run(ctx, argv) {
    const p = parse(NAME, argv, { all: { type: 'boolean' }, json: { type: 'boolean' }, 'no-reclaim': { type: 'boolean' } });
    const noReclaim = p.values['no-reclaim'] === true;
    const all = p.values.all === true;
    if (all === (p.positionals.length > 0) || p.positionals.length > 1) throw new UsageError('Give one profile NAME or --all.', NAME);
    const targets = all ? (await ctx.call('profiles:list', {})).filter((x) => x.status === 'published').map((x) => x.id) : [await ctx.profileId(p.positionals[0] ?? '')];
    const summaries: SyncSummary[] = [];
    for (const profileId of targets) {
      const job = await waitForJob(ctx, profileId, () => ctx.call('sync:run', { profileId, ...(noReclaim ? { noReclaim } : {}) }));
      const summary = printJobSummary(job);
      summaries.push(summary);
      if (!p.values.json) process.stdout.write(describeJob(summary) + '\n');
    }
    if (p.values.json) printJson(all ? summaries : summaries[0]);
    if (all && !targets.length && !p.values.json) process.stdout.write('No published profiles to sync.\n');
    return summaries.every((s) => s.status === 'succeeded') ? EXIT.ok : EXIT.failure;
  },
};

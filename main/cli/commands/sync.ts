import type { JobResult, ReclaimedSeat } from '../../../preload/contract.js';
import { parse } from '../args.js';
import type { CliContext, Command, RunningInstance } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { endProgress, note, printJson, progressLine, say } from '../output.js';
import { describeJob } from './profiles.js';

const NAME = 'sync';

/**
 * The JSON summary scripts read: a public interface, fields are only ever added. Its names
 * are those of every other command (`profileName`, `state`: jobs --json, reclaim --json);
 * `profile` and `status` are the same values under the names it was first published with.
 */
export interface SyncSummary {
  jobId: string;
  profileId: string;
  profileName: string;
  state: JobResult['state'];
  /** Alias of profileName. */
  profile: string;
  /** Alias of state. */
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
  /** Every vendor write the sync made (automatic reclaim); empty when none. `outcome` is `status` under reclaim's name. */
  reclaimed: (ReclaimedSeat & { outcome: ReclaimedSeat['status'] })[];
  error: string | null;
}

export function printJobSummary(job: JobResult): SyncSummary {
  return {
    jobId: job.id,
    profileId: job.profileId,
    profileName: job.profileName,
    state: job.state,
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
    reclaimed: (job.reclaimed ?? []).map((r) => ({ ...r, outcome: r.status })),
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
  const held = await ctx.running();
  if (held) return waitForRunning(ctx, profileId, start, held);
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

/** How often the running instance is asked how its run is going. */
const POLL_MS = 500;

/**
 * The app (or `seatwise serve`) holds the data folder: it runs the sync, as its own "Sync now"
 * would, and this command waits for that run to end, asking after it.
 */
async function waitForRunning(ctx: CliContext, profileId: string, start: () => Promise<JobResult>, held: RunningInstance): Promise<JobResult> {
  note(`The data folder is open in ${held.holder} (pid ${held.pid}): it runs this sync; waiting for it to finish.\n`);
  const cancel = (): void => void ctx.call('sync:cancel', { profileId }).catch(() => undefined);
  process.once('SIGINT', cancel);
  try {
    let job = await start();
    while (!FINISHED.has(job.state)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const jobs = await ctx.call('jobs:list', { profileId, limit: 20 });
      job = jobs.find((j) => j.id === job.id) ?? job;
      progressLine(`${job.state}: ${job.phases.findLast((p) => p.state === 'running')?.phase ?? ''}`);
    }
    return job;
  } finally {
    process.off('SIGINT', cancel);
    endProgress();
  }
}

/**
 * `sync --all`: every run is asked for at once, and the app runs them side by side within
 * settings.maxParallelSyncs (each vendor account at its own pace). `onFinished` sees each job
 * as it ends; the jobs come back in the order of `profileIds`.
 */
export async function waitForJobs(
  ctx: CliContext,
  profileIds: string[],
  start: (profileId: string) => Promise<JobResult>,
  onFinished: (job: JobResult) => void,
): Promise<JobResult[]> {
  const results = new Map<string, JobResult>();
  const finish = (job: JobResult): void => {
    if (results.has(job.profileId)) return;
    results.set(job.profileId, job);
    onFinished(job);
    if (results.size < profileIds.length) progressLine(`${results.size} of ${profileIds.length} profiles synced`);
  };
  const cancel = (): void => {
    for (const profileId of profileIds) void ctx.call('sync:cancel', { profileId }).catch(() => undefined);
  };
  process.once('SIGINT', cancel);
  try {
    const held = await ctx.running();
    if (held) {
      note(`The data folder is open in ${held.holder} (pid ${held.pid}): it runs these syncs; waiting for them to finish.\n`);
      const started = new Map<string, JobResult>();
      for (const profileId of profileIds) started.set(profileId, await start(profileId));
      for (const job of started.values()) if (FINISHED.has(job.state)) finish(job);
      while (results.size < profileIds.length) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const pending = profileIds.filter((id) => !results.has(id));
        const lists = await Promise.all(pending.map((profileId) => ctx.call('jobs:list', { profileId, limit: 20 })));
        lists.forEach((jobs, i) => {
          const job = jobs.find((j) => j.id === started.get(pending[i]!)?.id);
          if (job && FINISHED.has(job.state)) finish(job);
        });
      }
    } else {
      const app = await ctx.openApp();
      const wanted = new Set<string>();
      const early = new Map<string, JobResult>();
      let allDone: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (allDone = resolve));
      const off = app.events.on((name, payload) => {
        if (name !== 'jobs:changed') return;
        const { job } = payload as { job: JobResult };
        if (!FINISHED.has(job.state)) return;
        if (!wanted.has(job.id)) early.set(job.id, job);
        else {
          finish(job);
          if (results.size === profileIds.length) allDone();
        }
      });
      try {
        for (const profileId of profileIds) {
          const job = await start(profileId);
          wanted.add(job.id);
          const ended = early.get(job.id) ?? (FINISHED.has(job.state) ? job : undefined);
          if (ended) finish(ended);
        }
        if (results.size < profileIds.length) await done;
      } finally {
        off();
      }
    }
    return profileIds.map((id) => results.get(id)!);
  } finally {
    process.off('SIGINT', cancel);
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
    '--all syncs the published profiles side by side, up to the "Syncs at the same time" setting, each vendor',
    'account at its own documented pace; each is shown as it ends, and --json lists them in profile order.',
  ].join('\n'),
  examples: ['seatwise sync "Asana"', 'seatwise sync --all --json > last-sync.json'],
  async run(ctx, argv) {
    const p = parse(NAME, argv, { all: { type: 'boolean' }, json: { type: 'boolean' }, 'no-reclaim': { type: 'boolean' } });
    const noReclaim = p.values['no-reclaim'] === true;
    const all = p.values.all === true;
    if (all === (p.positionals.length > 0) || p.positionals.length > 1) throw new UsageError('Give one profile NAME or --all.', NAME);
    const targets = all ? (await ctx.call('profiles:list', {})).filter((x) => x.status === 'published').map((x) => x.id) : [await ctx.profileId(p.positionals[0] ?? '')];
    const summaries: SyncSummary[] = [];
    const run = (profileId: string): Promise<JobResult> => ctx.call('sync:run', { profileId, ...(noReclaim ? { noReclaim } : {}) });
    const show = (job: JobResult): void => {
      if (!p.values.json) process.stdout.write(describeJob(printJobSummary(job)) + '\n');
    };
    if (all) {
      // Side by side: the app bounds how many run at once; each is shown as it ends.
      for (const job of await waitForJobs(ctx, targets, run, show)) summaries.push(printJobSummary(job));
    } else {
      const job = await waitForJob(ctx, targets[0]!, () => run(targets[0]!));
      summaries.push(printJobSummary(job));
      show(job);
    }
    if (p.values.json) printJson(all ? summaries : summaries[0]);
    if (all && !targets.length && !p.values.json) say('No published profiles to sync.\n');
    return summaries.every((s) => s.status === 'succeeded') ? EXIT.ok : EXIT.failure;
  },
};

import type { JobResult } from '../../preload/contract.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { AppError } from '../errors.js';
import { sleep } from '../../connectors/http/sleep.js';
import { interruptedJob } from '../store/store.js';
import { JobRecorder } from './job-recorder.js';
import { ActivityStepFailed, PipelineCancelled, runPipeline, setAttention, type PipelineDeps } from './pipeline.js';

type Trigger = JobResult['trigger'];

interface RunningSync {
  job: JobResult;
  done: Promise<JobResult>;
  controller: AbortController;
}

export interface SyncServiceOptions {
  /** Runs at once (settings.maxParallelSyncs); more wait, queued, in the order asked. */
  maxParallel?: number;
  /**
   * The store is a team server's database, shared with other servers: a run claims its profile
   * there first (store.exclusive), so one server syncs a profile at a time, and a scheduled run
   * another server already made is not made again.
   */
  shared?: SharedRuns;
}

export interface SharedRuns {
  /** How often a scheduled run whose profile another server is syncing looks again. Default 2 s. */
  pollMs?: number;
  /** A scheduled run of the profile finished elsewhere that started this long before ours asked covers our slot (a manual one never does). Default 5 min. */
  slotToleranceMs?: number;
}

const SCHEDULED: ReadonlySet<Trigger> = new Set(['schedule', 'catch-up']);

/**
 * Runs the pipeline for a profile, at most one run per profile at a time, and at most
 * `maxParallel` runs at once whoever asks (the window, the CLI, the schedule, a publish): a
 * run asked for beyond that waits as a queued job. A vendor account's own pace is kept by its
 * shared limiter (vendor-limits.ts), not here, so a run waiting on one vendor's rate limit
 * never holds back another vendor's runs except through the slot it occupies.
 */
export class SyncService {
  private readonly running = new Map<string, RunningSync>();
  private maxParallel: number;
  private active = 0;
  private readonly waiting: { grant: () => void; signal: AbortSignal }[] = [];
  private readonly shared: Required<SharedRuns> | undefined;

  constructor(
    private readonly deps: PipelineDeps,
    options: SyncServiceOptions = {},
  ) {
    this.maxParallel = checkedParallel(options.maxParallel ?? Number.POSITIVE_INFINITY);
    this.shared = options.shared && { pollMs: options.shared.pollMs ?? 2000, slotToleranceMs: options.shared.slotToleranceMs ?? 5 * 60_000 };
  }

  get parallel(): number {
    return this.maxParallel;
  }

  /** Applies at once: a larger bound starts waiting runs now, a smaller one lets running runs finish. */
  setMaxParallel(value: number): void {
    this.maxParallel = checkedParallel(value);
    this.pump();
  }

  /** Runs waiting for a slot, in the order they will start. */
  queuedCount(): number {
    return this.waiting.length;
  }

  /**
   * Starts a run, or hands back the one already going for this profile. `reclaim: false`
   * guarantees the run makes no vendor write (`seatwise sync --no-reclaim`).
   */
  start(profileId: string, trigger: Trigger, options: { reclaim?: boolean; fileText?: string } = {}): { job: JobResult; done: Promise<JobResult> } {
    const existing = this.running.get(profileId);
    if (existing) return existing;
    const profile = this.deps.store.root.profiles.find((p) => p.id === profileId);
    if (!profile) throw new AppError('not_found', 'That profile was not found.');
    if (profile.status !== 'published') throw new AppError('conflict', `"${profile.name}" is a draft: publish it before syncing.`);
    const controller = new AbortController();
    const recorder = new JobRecorder(this.deps.store, this.deps.events, profile, trigger, this.deps.now, this.deps.prune);
    const done = this.whenSlot(recorder, controller.signal)
      .then((release) => this.claimed(profileId, recorder, controller.signal, options.reclaim !== false, options.fileText).finally(release))
      .finally(() => this.running.delete(profileId));
    const run = { job: recorder.job, done, controller };
    this.running.set(profileId, run);
    return run;
  }

  run(profileId: string, trigger: Trigger, options: { reclaim?: boolean } = {}): Promise<JobResult> {
    return this.start(profileId, trigger, options).done;
  }

  cancel(profileId: string): boolean {
    const run = this.running.get(profileId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Job records, newest first, optionally of one profile. */
  async jobs(profileId?: string, limit = 100): Promise<JobResult[]> {
    const jobs = await this.deps.store.jobs();
    return (profileId ? jobs.filter((j) => j.profileId === profileId) : jobs).slice(0, limit);
  }

  isRunning(profileId: string): boolean {
    return this.running.has(profileId);
  }

  /**
   * Resolves with the slot's release once the run may start. A queued run is saved as such, so
   * the window and `jobs` show it waiting; cancelled while it waits, it never starts.
   */
  private async whenSlot(recorder: JobRecorder, signal: AbortSignal): Promise<() => void> {
    if (this.active < this.maxParallel && this.waiting.length === 0) {
      this.active += 1;
      return this.releaser();
    }
    recorder.job.state = 'queued';
    const granted = new Promise<void>((resolve) => {
      const entry = { grant: resolve, signal };
      this.waiting.push(entry);
      // Cancelled while waiting: it goes to execute at once, which finds the signal aborted.
      signal.addEventListener('abort', () => {
        const i = this.waiting.indexOf(entry);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        this.active += 1;
        resolve();
      }, { once: true });
    });
    // Shown as waiting; a record that cannot be saved now is saved with the run's next step.
    await recorder.save().catch(() => undefined);
    await granted;
    recorder.job.state = 'running';
    recorder.job.startedAt = this.deps.now().toISOString();
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.pump();
    };
  }

  private pump(): void {
    while (this.active < this.maxParallel && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.active += 1;
      next.grant();
    }
  }

  async cancelAll(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  /**
   * Automatic reclaim, the only vendor write a sync makes: every call is listed on the job
   * (`reclaimed`, empty when none). A failed seat is recorded there and in the audit log; it
   * does not fail the sync.
   */
  private async reclaim(profileId: string, recorder: JobRecorder, signal: AbortSignal, allowed: boolean): Promise<void> {
    recorder.job.reclaimed = [];
    if (!this.deps.reclaimStep || signal.aborted) return;
    if (!allowed) {
      recorder.skipPhase('reclaim', 'Reclaim was not allowed for this run (--no-reclaim): no vendor writes.');
      await recorder.save();
      return;
    }
    recorder.startPhase('reclaim');
    try {
      const result = await this.deps.reclaimStep(profileId, signal);
      if (!result) recorder.endPhase('skipped', 'Nothing due: no approved seat under a rule set to reclaim automatically.');
      else {
        recorder.job.reclaimed = result.outcomes
          .filter((o) => o.outcome !== 'skipped')
          .map((o) => ({
            candidateId: o.candidateId,
            email: o.email,
            call: { method: o.call?.method ?? '', url: o.call?.url ?? '' },
            status: o.outcome === 'reclaimed' ? ('reclaimed' as const) : ('failed' as const),
            ...(o.message ? { message: o.message } : {}),
          }));
        recorder.endPhase(result.failed ? 'failed' : 'succeeded', `${result.reclaimed} reclaimed automatically, ${result.failed} failed`);
      }
    } catch (error) {
      recorder.endPhase('failed', (error as Error).message);
    }
    await recorder.save();
  }

  /**
   * The run itself, on a shared store under the profile's claim. A scheduled run waits for a
   * claim another server holds, then makes no second run of the slot when that server finished
   * one; a run it finds left running was its server's, which died with the claim: it is closed
   * as interrupted and this server runs the slot. Any other trigger is refused at once.
   */
  private async claimed(profileId: string, recorder: JobRecorder, signal: AbortSignal, reclaim: boolean, fileText?: string): Promise<JobResult> {
    const shared = this.shared;
    if (!shared) return this.execute(profileId, recorder, signal, reclaim, fileText);
    const askedAt = Date.parse(recorder.job.startedAt);
    for (;;) {
      const held = await this.deps.store.exclusive(`sync:${profileId}`, async () => {
        const theirs = (await this.deps.store.jobs()).filter((j) => j.profileId === profileId && j.id !== recorder.job.id);
        for (const dead of theirs.filter((j) => j.state === 'running')) await this.deps.store.saveJob(interruptedJob(dead));
        const covered = SCHEDULED.has(recorder.job.trigger)
          ? theirs.find((j) => SCHEDULED.has(j.trigger) && (j.state === 'succeeded' || j.state === 'failed') && Date.parse(j.startedAt) >= askedAt - shared.slotToleranceMs)
          : undefined;
        if (covered && !recorder.saved) return covered;
        if (covered) return recorder.finish('cancelled', `Not run: another Seatwise server ran this scheduled sync (job ${covered.id}).`);
        return this.execute(profileId, recorder, signal, reclaim, fileText);
      });
      if (held.ran) return held.value;
      if (!SCHEDULED.has(recorder.job.trigger)) {
        return recorder.finish('failed', 'Another Seatwise server is syncing this profile now: its run shows in the jobs when it ends.');
      }
      if (!(await pause(shared.pollMs, signal))) return recorder.finish('cancelled', 'Cancelled while another server synced this profile; nothing was changed here.');
    }
  }

  private async execute(profileId: string, recorder: JobRecorder, signal: AbortSignal, reclaim: boolean, fileText?: string): Promise<JobResult> {
    if (signal.aborted) return recorder.finish('cancelled', 'Cancelled before it started; the previous data was kept.');
    try {
      await runPipeline(this.deps, profileId, recorder, signal, fileText === undefined ? {} : { fileText });
      await this.reclaim(profileId, recorder, signal, reclaim);
      return await recorder.finish('succeeded');
    } catch (error) {
      if (signal.aborted || error instanceof PipelineCancelled || (error instanceof ConnectorError && error.code === 'cancelled')) {
        return recorder.finish('cancelled', 'Cancelled; the previous data was kept.');
      }
      const message = error instanceof Error ? error.message : String(error);
      await setAttention(this.deps.store, profileId, attentionKind(error), message, this.deps.now()).catch(() => undefined);
      return recorder.finish('failed', message);
    }
  }
}

/** False when cancelled first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return sleep(ms, signal).then(
    () => true,
    () => false,
  );
}

function checkedParallel(value: number): number {
  if (value !== Number.POSITIVE_INFINITY && (!Number.isInteger(value) || value < 1)) throw new RangeError(`maxParallel must be a whole number >= 1, got ${value}`);
  return value;
}

function attentionKind(error: unknown): 'needs_signin' | 'failing' | 'needs_attention' {
  if (error instanceof ActivityStepFailed) return 'needs_attention';
  if (error instanceof ConnectorError && error.code === 'unauthorized') return 'needs_signin';
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'needs_signin' || code === 'refresh_failed') return 'needs_signin';
  return 'failing';
}

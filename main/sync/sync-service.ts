import type { JobResult } from '../../preload/contract.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { AppError } from '../errors.js';
import { JobRecorder } from './job-recorder.js';
import { ActivityStepFailed, PipelineCancelled, runPipeline, setAttention, type PipelineDeps } from './pipeline.js';

type Trigger = JobResult['trigger'];

interface RunningSync {
  job: JobResult;
  done: Promise<JobResult>;
  controller: AbortController;
}

/** Runs the pipeline for a profile, at most one run per profile at a time. */
export class SyncService {
  private readonly running = new Map<string, RunningSync>();

  constructor(private readonly deps: PipelineDeps) {}

  /**
   * Starts a run, or hands back the one already going for this profile. `reclaim: false`
   * guarantees the run makes no vendor write (`seatwise sync --no-reclaim`).
   */
  start(profileId: string, trigger: Trigger, options: { reclaim?: boolean } = {}): { job: JobResult; done: Promise<JobResult> } {
    const existing = this.running.get(profileId);
    if (existing) return existing;
    const profile = this.deps.store.root.profiles.find((p) => p.id === profileId);
    if (!profile) throw new AppError('not_found', 'That profile was not found.');
    if (profile.status !== 'published') throw new AppError('conflict', `"${profile.name}" is a draft: publish it before syncing.`);
    const controller = new AbortController();
    const recorder = new JobRecorder(this.deps.store, this.deps.events, profile, trigger, this.deps.now, this.deps.prune);
    const done = this.execute(profileId, recorder, controller.signal, options.reclaim !== false).finally(() => this.running.delete(profileId));
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

  private async execute(profileId: string, recorder: JobRecorder, signal: AbortSignal, reclaim: boolean): Promise<JobResult> {
    try {
      await runPipeline(this.deps, profileId, recorder, signal);
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

function attentionKind(error: unknown): 'needs_signin' | 'failing' | 'needs_attention' {
  if (error instanceof ActivityStepFailed) return 'needs_attention';
  if (error instanceof ConnectorError && error.code === 'unauthorized') return 'needs_signin';
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'needs_signin' || code === 'refresh_failed') return 'needs_signin';
  return 'failing';
}

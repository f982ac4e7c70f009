import type { JobResult } from '../../preload/contract.js';
import type { EventBus } from '../events/bus.js';
import type { DataStore } from '../store/data-store.js';
import { StoreWriteError } from '../store/errors.js';
import { newId } from '../profiles/ids.js';
import { redact } from '../vault/redact.js';

type Phase = JobResult['phases'][number]['phase'];
type Trigger = JobResult['trigger'];

/** Keeps one job's record current on disk and on the event stream as the pipeline moves. */
export class JobRecorder {
  readonly job: JobResult;
  /** Whether a record of this job was ever written. */
  saved = false;

  constructor(
    private readonly store: DataStore,
    private readonly events: EventBus,
    profile: { id: string; name: string },
    trigger: Trigger,
    private readonly now: () => Date,
    private readonly prune?: (jobs: JobResult[]) => JobResult[],
  ) {
    this.job = {
      id: newId('job'),
      profileId: profile.id,
      profileName: profile.name,
      trigger,
      state: 'running',
      startedAt: now().toISOString(),
      phases: [],
      counts: { seats: 0, freeSeats: 0, subscriptions: 0, candidates: 0, requests: 0, pages: 0 },
      activityAvailable: null,
    };
  }

  async save(): Promise<void> {
    await this.store.saveJob(this.job, this.prune);
    this.saved = true;
    this.events.emit('jobs:changed', { job: this.job });
  }

  startPhase(phase: Phase): void {
    this.job.phases.push({ phase, startedAt: this.now().toISOString(), state: 'running' });
  }

  endPhase(state: 'succeeded' | 'failed' | 'skipped', message?: string): void {
    const current = this.job.phases.at(-1);
    if (!current) return;
    current.state = state;
    current.finishedAt = this.now().toISOString();
    if (message) current.message = redact(message);
  }

  skipPhase(phase: Phase, message: string): void {
    const at = this.now().toISOString();
    this.job.phases.push({ phase, startedAt: at, finishedAt: at, state: 'skipped', message });
  }

  async finish(state: 'succeeded' | 'failed' | 'cancelled', error?: string): Promise<JobResult> {
    const running = this.job.phases.at(-1);
    if (running?.state === 'running') this.endPhase(state === 'succeeded' ? 'succeeded' : 'failed', error);
    this.job.state = state;
    this.job.finishedAt = this.now().toISOString();
    if (error) this.job.error = redact(error);
    try {
      await this.save();
    } catch (saveError) {
      // Most often the same full disk that failed the sync: say why the sync ended, then why
      // its record could not be kept. The store writes the record with the next jobs.json
      // that succeeds (or the next start closes the job as interrupted).
      if (!error || !(saveError instanceof StoreWriteError)) throw saveError;
      const why = this.job.error ?? '';
      throw saveError.after(`${why}${/[.!?]$/.test(why) ? '' : '.'} The job's record could not be saved either: `);
    }
    return this.job;
  }
}

/**
 * Listens to the services' events and turns finished syncs into desktop notifications through
 * an injected `show` (Electron's Notification in main/electron/main.ts; a recorder in tests).
 * No Electron import, so it is unit-tested with a real EventBus.
 */
import type { JobResult } from '../../preload/contract.js';
import type { EventBus } from '../events/bus.js';
import type { RootData } from '../store/schema.js';
import { decideNotifications, type SeatwiseNotification } from './decide.js';

/** What the center reads from the store: the root (profiles, aliases) and, optionally, past jobs. */
export interface NotificationStore {
  readonly root: Readonly<Pick<RootData, 'profiles' | 'aliases'>>;
  jobs?(): Promise<JobResult[]>;
}

export interface NotificationCenterOptions {
  events: EventBus;
  store: NotificationStore;
  show: (notification: SeatwiseNotification) => void;
  /** Told when `show` throws (a notification server gone); never rethrown into the bus. */
  onError?: (error: unknown) => void;
}

const FINISHED: ReadonlySet<JobResult['state']> = new Set(['succeeded', 'failed', 'cancelled']);

export class NotificationCenter {
  /** The last finished job per profile (a copy: the recorder mutates its job in place). */
  private readonly lastJobs = new Map<string, JobResult>();
  private readonly candidateCounts = new Map<string, number>();
  private readonly signInNeeded = new Map<string, boolean>();
  private readonly running = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: NotificationCenterOptions) {
    for (const profile of options.store.root.profiles) this.remember(profile.id);
  }

  /** Subscribes to the bus. `prime` first (optional) so a failure already known is not announced again. */
  start(): this {
    this.unsubscribe ??= this.options.events.on((name, payload) => {
      if (name === 'jobs:changed') this.onJob((payload as { job: JobResult }).job);
      else if (name === 'profiles:changed') this.onProfiles((payload as { profileId?: string }).profileId);
    });
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Seeds the last finished job of each profile from the store's history (newest first). */
  async prime(): Promise<void> {
    const jobs = (await this.options.store.jobs?.()) ?? [];
    for (const job of jobs) {
      if (FINISHED.has(job.state) && job.state !== 'cancelled' && !this.lastJobs.has(job.profileId)) this.lastJobs.set(job.profileId, structuredClone(job));
    }
  }

  /** The last finished job per profile, newest information the center has (for the tray). */
  lastJobByProfile(): ReadonlyMap<string, JobResult> {
    return this.lastJobs;
  }

  private onJob(job: JobResult): void {
    if (!FINISHED.has(job.state)) {
      this.running.add(job.profileId);
      return;
    }
    this.running.delete(job.profileId);
    const previous = this.lastJobs.get(job.profileId);
    if (previous?.id === job.id) return; // the same finished job reported twice
    // A cancelled run changes nothing: the previous snapshot (and its failure, if any) stands.
    if (job.state === 'cancelled') return;

    const profile = this.options.store.root.profiles.find((p) => p.id === job.profileId);
    const candidatesAfter = profile?.stats.candidates ?? job.counts.candidates;
    const needsSignIn = this.needsSignIn(job.profileId);
    const notifications = decideNotifications(previous, job, {
      profileName: profile?.name ?? job.profileName,
      candidatesBefore: this.candidateCounts.get(job.profileId),
      candidatesAfter,
      needsSignIn,
      neededSignInBefore: this.signInNeeded.get(job.profileId) ?? false,
      trigger: job.trigger,
    });
    this.lastJobs.set(job.profileId, structuredClone(job));
    if (job.state === 'succeeded') this.candidateCounts.set(job.profileId, candidatesAfter);
    this.signInNeeded.set(job.profileId, needsSignIn);
    for (const notification of notifications) {
      try {
        this.options.show(notification);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  /**
   * Outside a run, a change (rules edited, candidates reviewed, reconnected) moves the baseline,
   * so the person's own edits are not announced as news by the next sync.
   */
  private onProfiles(profileId: string | undefined): void {
    const ids = profileId ? [profileId] : this.options.store.root.profiles.map((p) => p.id);
    for (const id of ids) {
      if (this.running.has(id)) continue;
      if (!this.options.store.root.profiles.some((p) => p.id === id)) {
        this.lastJobs.delete(id);
        this.candidateCounts.delete(id);
        this.signInNeeded.delete(id);
        continue;
      }
      this.remember(id);
    }
  }

  private remember(profileId: string): void {
    const profile = this.options.store.root.profiles.find((p) => p.id === profileId);
    if (!profile) return;
    if (profile.lastRunAt || profile.lastJobId) this.candidateCounts.set(profileId, profile.stats.candidates);
    this.signInNeeded.set(profileId, this.needsSignIn(profileId));
  }

  private needsSignIn(profileId: string): boolean {
    const root = this.options.store.root;
    const profile = root.profiles.find((p) => p.id === profileId);
    if (profile?.attention?.kind === 'needs_signin') return true;
    return root.aliases.some((a) => a.profileId === profileId && a.status === 'needs_signin');
  }
}

import type { Cancel, Clock } from './clock.js';
import { createRunQueue, type Run, type RunFn, type RunQueue, type Trigger } from './queue.js';
import { nextRun, validateSchedule, type Schedule } from './schedule.js';

/** What the scheduler needs to know about a profile; the store maps its records to this. */
export interface ScheduledProfile {
  id: string;
  schedule: Schedule;
  /** Start of the last run attempt of any trigger. Absent: never ran, so start() runs it once. */
  lastRunAt?: Date;
  /** Only published profiles are scheduled; runNow works for any. */
  published: boolean;
  /**
   * The newest run never finished: its process ended mid-run (the store marks such a job
   * `interrupted` at open). Catch-up counts it as missed, whatever lastRunAt says.
   */
  lastRunInterrupted?: boolean;
}

export interface SchedulerOptions {
  clock: Clock;
  /** Either a queue shared with other callers, or `run` (and `maxParallel`) to make one. */
  queue?: RunQueue;
  run?: RunFn;
  maxParallel?: number;
  getProfiles(): readonly ScheduledProfile[];
  /** Called whenever a profile's next run appears, moves or goes away (null). */
  onNextRunChanged?(profileId: string, nextRunAt: Date | null): void;
  /** A stored schedule that fails validation: the profile is left unscheduled until refreshed. */
  onScheduleError?(profileId: string, message: string): void;
  /** A timer firing later than this (the machine slept) is labelled 'catch-up', not 'schedule'. */
  lateToleranceMs?: number;
}

export interface Scheduler {
  readonly queue: RunQueue;
  /** Arms every published profile and runs once, as 'catch-up', any that missed a time while closed. */
  start(): void;
  /** Disarms all timers. Runs in flight go on unless `cancelRuns`. */
  stop(options?: { cancelRuns?: boolean }): void;
  /** For the OS resume event: the same catch-up as start(), without missing or doubling a run. */
  resume(): void;
  /** Re-reads one profile after its schedule changed or it was published, unpublished or removed. */
  refresh(profileId: string): void;
  nextRunAt(profileId: string): Date | null;
  /** Queues a run now, or returns the one already queued or running for the profile. */
  runNow(profileId: string, trigger: Trigger): Run;
  cancel(profileId: string): boolean;
}

const DEFAULT_LATE_TOLERANCE_MS = 5 * 60_000;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock } = options;
  if (options.queue && options.run) throw new TypeError('createScheduler takes a queue or a run function, not both');
  const queue = options.queue ?? makeQueue(options);
  const lateTolerance = options.lateToleranceMs ?? DEFAULT_LATE_TOLERANCE_MS;
  const timers = new Map<string, { at: Date; cancel: Cancel }>();
  const notified = new Map<string, number | null>();
  // Runs requested in this session. The store's lastRunAt may lag behind (written when the
  // pipeline records its job), and catch-up must not repeat a run we have just asked for.
  const requestedAt = new Map<string, number>();
  let started = false;

  const notify = (profileId: string, at: Date | null): void => {
    const value = at ? at.getTime() : null;
    if ((notified.get(profileId) ?? null) === value) return;
    notified.set(profileId, value);
    options.onNextRunChanged?.(profileId, at);
  };

  const disarm = (profileId: string): void => {
    timers.get(profileId)?.cancel();
    timers.delete(profileId);
    notify(profileId, null);
  };

  const arm = (profileId: string, schedule: Schedule, after: Date): void => {
    timers.get(profileId)?.cancel();
    timers.delete(profileId);
    const at = nextRun(schedule, after);
    if (at) timers.set(profileId, { at, cancel: clock.setTimer(at, () => fire(profileId, at)) });
    notify(profileId, at);
  };

  const request = (profileId: string, trigger: Trigger): Run => {
    requestedAt.set(profileId, clock.now().getTime());
    return queue.enqueue(profileId, trigger);
  };

  /** The schedule to follow, or undefined when the profile must not be scheduled. */
  const scheduleOf = (profile: ScheduledProfile | undefined): Schedule | undefined => {
    if (!profile?.published) return undefined;
    const checked = validateSchedule(profile.schedule);
    if (checked.ok) return checked.schedule;
    options.onScheduleError?.(profile.id, checked.message);
    return undefined;
  };

  /**
   * True when a scheduled time fell between the last run and now (one catch-up covers them
   * all), or when the last run was interrupted.
   */
  const missedRun = (profile: ScheduledProfile, schedule: Schedule, now: Date): boolean => {
    // A run asked for in this session supersedes the interrupted one.
    if (profile.lastRunInterrupted && !requestedAt.has(profile.id)) return true;
    const stored = profile.lastRunAt?.getTime();
    const known = Math.max(Number.isFinite(stored) ? stored! : -Infinity, requestedAt.get(profile.id) ?? -Infinity);
    if (known === -Infinity) return true;
    const due = nextRun(schedule, new Date(known));
    return due !== null && due.getTime() <= now.getTime();
  };

  const reconcile = (profile: ScheduledProfile, catchUp: boolean): void => {
    const schedule = scheduleOf(profile);
    if (!schedule) return disarm(profile.id);
    const now = clock.now();
    if (catchUp && missedRun(profile, schedule, now)) request(profile.id, 'catch-up');
    arm(profile.id, schedule, now);
  };

  const reconcileAll = (): void => {
    const profiles = options.getProfiles();
    const ids = new Set(profiles.map((p) => p.id));
    for (const id of [...timers.keys()]) if (!ids.has(id)) disarm(id);
    for (const profile of profiles) reconcile(profile, true);
  };

  const find = (profileId: string): ScheduledProfile | undefined => options.getProfiles().find((p) => p.id === profileId);

  function fire(profileId: string, at: Date): void {
    timers.delete(profileId);
    if (!started) return;
    // Read the profile afresh: it may have been unpublished without a refresh reaching us yet.
    const schedule = scheduleOf(find(profileId));
    if (!schedule) return disarm(profileId);
    const now = clock.now();
    // If the previous run is still going, the queue hands back that run: the slot is skipped, not stacked.
    request(profileId, now.getTime() - at.getTime() > lateTolerance ? 'catch-up' : 'schedule');
    // From now, not from `at`: after a long sleep every missed time is covered by this one run.
    arm(profileId, schedule, now.getTime() > at.getTime() ? now : at);
  }

  return {
    queue,
    start() {
      started = true;
      reconcileAll();
    },
    stop(stopOptions) {
      started = false;
      for (const id of [...timers.keys()]) disarm(id);
      if (stopOptions?.cancelRuns) queue.cancelAll();
    },
    resume() {
      if (started) reconcileAll();
    },
    refresh(profileId) {
      if (!started) return;
      const profile = find(profileId);
      if (profile) reconcile(profile, false);
      else disarm(profileId);
    },
    nextRunAt: (profileId) => timers.get(profileId)?.at ?? null,
    runNow: request,
    cancel: (profileId) => queue.cancel(profileId),
  };
}

function makeQueue(options: SchedulerOptions): RunQueue {
  if (!options.run) throw new TypeError('createScheduler needs either a queue or a run function');
  return createRunQueue({ run: options.run, maxParallel: options.maxParallel, now: () => options.clock.now() });
}

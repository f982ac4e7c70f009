import { randomUUID } from 'node:crypto';

export type Trigger = 'schedule' | 'catch-up' | 'manual' | 'publish' | 'cli';
export type RunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type RunOutcome = { state: 'succeeded' } | { state: 'failed'; error: unknown } | { state: 'cancelled' };

/**
 * The work itself (the sync pipeline), supplied by the caller. On abort it must stop without
 * committing, so a cancelled run leaves the previous snapshot; once the signal is aborted the run
 * is reported as cancelled however the promise settles. `run` is the queue's record, for its id.
 */
export type RunFn = (profileId: string, trigger: Trigger, signal: AbortSignal, run: Run) => Promise<void>;

/** A live view of one run: the queue updates the same object, so callers may keep it. */
export interface Run {
  readonly id: string;
  readonly profileId: string;
  readonly trigger: Trigger;
  readonly state: RunState;
  readonly queuedAt: Date;
  readonly startedAt: Date | undefined;
  readonly finishedAt: Date | undefined;
  /** Resolves when the run ends; never rejects, so fire-and-forget runs cannot go unhandled. */
  readonly done: Promise<RunOutcome>;
}

export interface RunQueueOptions {
  run: RunFn;
  /** Profiles syncing at once. Each sync is network-bound against a vendor, so a few is plenty. */
  maxParallel?: number;
  now?: () => Date;
  newId?: () => string;
  /** Every state change (queued, running, and the final state). Must not throw. */
  onChange?: (run: Run) => void;
}

export interface RunQueue {
  readonly maxParallel: number;
  /** Applies at once: a larger bound starts waiting runs now; a smaller one lets running runs finish. */
  setMaxParallel(value: number): void;
  /** Queues a run, or returns the profile's queued or running run: never two for one profile. */
  enqueue(profileId: string, trigger: Trigger): Run;
  /** Removes a queued run, or aborts a running one. False when the profile has no active run. */
  cancel(profileId: string): boolean;
  cancelAll(): void;
  /** The profile's queued or running run. */
  get(profileId: string): Run | undefined;
  running(): Run[];
  /** Waiting runs, in the order they will start. */
  queued(): Run[];
  /** Resolves once nothing is queued or running, e.g. after cancelAll() at quit. */
  whenIdle(): Promise<void>;
}

export const DEFAULT_MAX_PARALLEL = 2;

function checkedMaxParallel(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`maxParallel must be a whole number >= 1, got ${value}`);
  return value;
}

class Entry implements Run {
  state: RunState = 'queued';
  startedAt: Date | undefined;
  finishedAt: Date | undefined;
  readonly controller = new AbortController();
  readonly done: Promise<RunOutcome>;
  settle!: (outcome: RunOutcome) => void;

  constructor(
    readonly id: string,
    readonly profileId: string,
    readonly trigger: Trigger,
    readonly queuedAt: Date,
  ) {
    this.done = new Promise((resolve) => (this.settle = resolve));
  }
}

export function createRunQueue(options: RunQueueOptions): RunQueue {
  let maxParallel = checkedMaxParallel(options.maxParallel ?? DEFAULT_MAX_PARALLEL);
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const active = new Map<string, Entry>();
  let waiting: Entry[] = [];
  let runningCount = 0;

  const changed = (entry: Entry): void => {
    try {
      options.onChange?.(entry);
    } catch (error) {
      // A listener bug must not leave the queue half-updated; surface it outside this call stack.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const end = (entry: Entry, outcome: RunOutcome): void => {
    entry.state = outcome.state;
    entry.finishedAt = now();
    active.delete(entry.profileId);
    changed(entry);
    // Start the next run before resolving, so whoever awaits `done` sees the queue moved on.
    pump();
    entry.settle(outcome);
  };

  const start = (entry: Entry): void => {
    runningCount++;
    entry.state = 'running';
    entry.startedAt = now();
    changed(entry);
    let work: Promise<void>;
    try {
      work = Promise.resolve(options.run(entry.profileId, entry.trigger, entry.controller.signal, entry));
    } catch (error) {
      work = Promise.reject(error);
    }
    // The slot is held until the work itself settles, even after an abort: freeing it earlier
    // would let a new run of the same profile overlap one that has not stopped yet.
    work.then(
      () => {
        runningCount--;
        end(entry, entry.controller.signal.aborted ? { state: 'cancelled' } : { state: 'succeeded' });
      },
      (error: unknown) => {
        runningCount--;
        end(entry, entry.controller.signal.aborted ? { state: 'cancelled' } : { state: 'failed', error });
      },
    );
  };

  const pump = (): void => {
    while (runningCount < maxParallel && waiting.length > 0) {
      const next = waiting.shift()!;
      start(next);
    }
  };

  const cancel = (profileId: string): boolean => {
    const entry = active.get(profileId);
    if (!entry) return false;
    if (entry.state === 'queued') {
      waiting = waiting.filter((e) => e !== entry);
      end(entry, { state: 'cancelled' });
    } else {
      entry.controller.abort();
    }
    return true;
  };

  return {
    get maxParallel() {
      return maxParallel;
    },
    setMaxParallel(value) {
      maxParallel = checkedMaxParallel(value);
      pump();
    },
    enqueue(profileId, trigger) {
      const existing = active.get(profileId);
      if (existing) return existing;
      const entry = new Entry(newId(), profileId, trigger, now());
      active.set(profileId, entry);
      waiting.push(entry);
      changed(entry);
      pump();
      return entry;
    },
    cancel,
    cancelAll() {
      // Queued ones first, so aborting a running run does not start a queued one in its place.
      for (const entry of [...waiting]) cancel(entry.profileId);
      for (const entry of [...active.values()]) cancel(entry.profileId);
    },
    get: (profileId) => active.get(profileId),
    running: () => [...active.values()].filter((e) => e.state === 'running'),
    queued: () => [...waiting],
    async whenIdle() {
      while (active.size > 0) await Promise.all([...active.values()].map((e) => e.done));
    },
  };
}

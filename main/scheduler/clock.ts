/** Stops a timer; calling it after the timer fired, or twice, does nothing. */
export type Cancel = () => void;

/**
 * Wall-clock time and timers at wall-clock instants. The scheduler depends only on this, so tests
 * drive it with ManualClock and never wait.
 */
export interface Clock {
  now(): Date;
  /** Calls `fn` once, at `at` or as soon as possible after it (at once if `at` has passed). */
  setTimer(at: Date, fn: () => void): Cancel;
}

export interface SystemClockOptions {
  /**
   * Longest single setTimeout. setTimeout counts a monotonic clock that, on most OSes, stops
   * while the machine sleeps, so a long timeout would fire hours late after a sleep. Waking every
   * slice to compare with the wall clock bounds that lateness to one slice. Also keeps every
   * delay well below setTimeout's 2^31-1 ms (24.8 days) limit, past which it fires at once.
   */
  maxSliceMs?: number;
  /** Lets a CLI process exit while a timer is pending. The app keeps the default (false). */
  unref?: boolean;
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const DEFAULT_SLICE_MS = 60_000;

export function createSystemClock(options: SystemClockOptions = {}): Clock {
  const slice = Math.min(Math.max(1, options.maxSliceMs ?? DEFAULT_SLICE_MS), MAX_TIMEOUT_MS);
  return {
    now: () => new Date(),
    setTimer(at, fn) {
      const target = at.getTime();
      let handle: ReturnType<typeof setTimeout> | undefined;
      let cancelled = false;
      const wait = (): void => {
        // Re-read the wall clock on every wake: after a sleep or a clock change the remaining
        // time is whatever the wall clock says now, not what the last timeout assumed.
        const remaining = Math.max(0, target - Date.now());
        handle = setTimeout(check, Math.min(remaining, slice));
        if (options.unref) handle.unref();
      };
      const check = (): void => {
        if (cancelled) return;
        if (Date.now() < target) return wait();
        cancelled = true;
        fn();
      };
      // Never fire inside setTimer, even for a past instant: callers arm timers mid-update.
      wait();
      return () => {
        cancelled = true;
        if (handle !== undefined) clearTimeout(handle);
      };
    },
  };
}

interface ManualTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that moves only when told. `advance` plays time forward as a machine that stays awake:
 * each due timer fires with now() at its own instant, in order. `set` jumps, as a machine waking
 * from sleep: now() is the new time first, then every overdue timer fires late, in order.
 * Timers that callbacks add are honoured within the same call if they fall due.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: ManualTimer[] = [];
  private seq = 0;

  constructor(start: Date | string | number = 0) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(at: Date, fn: () => void): Cancel {
    const timer: ManualTimer = { at: at.getTime(), seq: this.seq++, fn };
    this.timers.push(timer);
    // Like a real timer, one set in the past fires asynchronously, not inside setTimer: here on
    // the next advance/set/flush call, which keeps the caller's state consistent when it fires.
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('ManualClock.advance: ms must be >= 0');
    const target = this.current + ms;
    this.fireDue(target, true);
    this.current = target;
  }

  /** Jumps to `date` (forward as a sleep, or back as a clock change), then fires what is overdue. */
  set(date: Date | string | number): void {
    this.current = new Date(date).getTime();
    this.fireDue(this.current, false);
  }

  /** Fires timers already due at the current time, e.g. ones set in the past. */
  flush(): void {
    this.fireDue(this.current, false);
  }

  /** Pending timer instants, soonest first: lets tests assert what is armed without firing it. */
  pending(): Date[] {
    return this.sorted().map((t) => new Date(t.at));
  }

  private fireDue(until: number, step: boolean): void {
    for (;;) {
      const next = this.sorted()[0];
      if (next === undefined || next.at > until) return;
      this.timers = this.timers.filter((t) => t !== next);
      if (step && next.at > this.current) this.current = next.at;
      next.fn();
    }
  }

  private sorted(): ManualTimer[] {
    return [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

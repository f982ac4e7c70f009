/**
 * Runs many independent requests in parallel within Calendly's per-minute rate limit.
 *
 * Calendly reports X-RateLimit-Remaining on every answer. The budget below turns that into
 * "how many more may start now": it starts up to `maxParallel` at once while the window has
 * room, and when the window is spent it lets exactly one request through. That request meets
 * the 429, the HTTP client waits out X-RateLimit-Reset (shared by every request of the run),
 * and its answer reports the fresh window, which opens the pool again. So a spent window
 * costs one 429, not a storm of them, and no request is dropped: 429s and 5xx are retried by
 * the HTTP client, never by this pool.
 */

export class RateBudget {
  /** Requests the current window still allows that no running request may already have spent. */
  private left: number | undefined;

  constructor(readonly maxParallel: number) {
    if (!Number.isFinite(maxParallel) || maxParallel < 1) throw new RangeError(`maxParallel must be >= 1, got ${maxParallel}`);
  }

  /** Whether one more request may start while `inFlight` are running. */
  mayStart(inFlight: number): boolean {
    if (inFlight >= this.maxParallel) return false;
    // With nothing in flight, start one even on a spent window: its 429 (and the client's
    // wait for the reset) is what moves us into the next window.
    return this.left === undefined || this.left > 0 || inFlight === 0;
  }

  started(): void {
    if (this.left !== undefined) this.left -= 1;
  }

  /**
   * Reads an answer's rate-limit headers. The vendor may or may not have counted the
   * `othersInFlight` requests yet, so they are assumed spent: slightly pessimistic, never a storm.
   */
  observe(headers: Headers, othersInFlight: number): void {
    const raw = headers.get('x-ratelimit-remaining');
    if (raw === null || !/^\d+$/.test(raw.trim())) return;
    this.left = Number(raw) - othersInFlight;
  }
}

/**
 * Calls `run` for every item, at most as many at once as the budget allows. `run` returns
 * the answer's headers for the budget. The first failure stops new starts; the promise then
 * rejects with it once the running requests have settled (none is left dangling).
 */
export function forEachWithinRateLimit<T>(
  items: readonly T[],
  budget: RateBudget,
  run: (item: T, index: number) => Promise<Headers | undefined>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let inFlight = 0;
    let failure: { error: unknown } | undefined;

    const pump = (): void => {
      if (failure) {
        if (inFlight === 0) reject(failure.error);
        return;
      }
      while (next < items.length && budget.mayStart(inFlight)) {
        const index = next++;
        inFlight += 1;
        budget.started();
        // Deferred so a synchronous throw in `run` is a failure like any other.
        Promise.resolve().then(() => run(items[index] as T, index)).then(
          (headers) => {
            inFlight -= 1;
            if (headers) budget.observe(headers, inFlight);
            pump();
          },
          (error: unknown) => {
            inFlight -= 1;
            failure ??= { error };
            pump();
          },
        );
      }
      if (next >= items.length && inFlight === 0) resolve();
    };
    pump();
  });
}

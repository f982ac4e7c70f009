import type { Clock, ManualClock } from '../../../main/scheduler/clock.js';
import type { Run, RunFn, Trigger } from '../../../main/scheduler/queue.js';

/** Lets settled run promises propagate (microtasks and I/O callbacks); no wall-clock waiting. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Plays the clock forward in steps, flushing between them, so runs that finish "instantly" have
 * finished before the next scheduled time comes, as they would in real life.
 */
export async function advanceBy(clock: ManualClock, ms: number, stepMs = 15 * 60_000): Promise<void> {
  let left = ms;
  while (left > 0) {
    const step = Math.min(stepMs, left);
    clock.advance(step);
    left -= step;
    await flush();
  }
}

export async function advanceTo(clock: ManualClock, iso: string, stepMs?: number): Promise<void> {
  await advanceBy(clock, new Date(iso).getTime() - clock.now().getTime(), stepMs);
}

export interface Call {
  profileId: string;
  trigger: Trigger;
  at: string;
  signal: AbortSignal;
  run: Run;
  finish(): void;
  fail(error: Error): void;
}

/**
 * A runner whose runs stay open until the test finishes them (or `autoFinish` ends them at once).
 * Like the real pipeline, it stops with an AbortError when its signal is aborted.
 */
export function testRunner(clock: Clock, { autoFinish = false } = {}): { calls: Call[]; run: RunFn; open(): Call[] } {
  const calls: Call[] = [];
  const settled = new Set<Call>();
  const run: RunFn = (profileId, trigger, signal, record) =>
    new Promise<void>((resolve, reject) => {
      const call: Call = {
        profileId,
        trigger,
        at: clock.now().toISOString(),
        signal,
        run: record,
        finish: () => {
          settled.add(call);
          resolve();
        },
        fail: (error) => {
          settled.add(call);
          reject(error);
        },
      };
      calls.push(call);
      signal.addEventListener('abort', () => call.fail(new DOMException('aborted', 'AbortError')), { once: true });
      if (autoFinish) call.finish();
    });
  return { calls, run, open: () => calls.filter((c) => !settled.has(c)) };
}

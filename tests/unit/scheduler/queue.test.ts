import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../main/scheduler/clock.js';
import { createRunQueue, type Run } from '../../../main/scheduler/queue.js';
import { flush, testRunner } from './helpers.js';

function setup(maxParallel?: number) {
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const runner = testRunner(clock);
  const changes: string[] = [];
  let n = 0;
  const queue = createRunQueue({
    run: runner.run,
    maxParallel,
    now: () => clock.now(),
    newId: () => `run-${++n}`,
    onChange: (run) => changes.push(`${run.id}:${run.state}`),
  });
  return { clock, runner, queue, changes };
}

describe('run queue', () => {
  it('takes a new bound at once: raised, waiting runs start now; lowered, running ones finish first', async () => {
    const { queue, runner } = setup(1);
    for (const id of ['a', 'b', 'c', 'd']) queue.enqueue(id, 'schedule');
    expect(runner.calls.map((c) => c.profileId)).toEqual(['a']);
    queue.setMaxParallel(3);
    expect(queue.maxParallel).toBe(3);
    expect(runner.calls.map((c) => c.profileId)).toEqual(['a', 'b', 'c']);
    queue.setMaxParallel(1);
    runner.calls[0]!.finish();
    runner.calls[1]!.finish();
    await flush();
    // c still runs at the new bound of one: d waits for it.
    expect(queue.running().map((r) => r.profileId)).toEqual(['c']);
    expect(queue.queued().map((r) => r.profileId)).toEqual(['d']);
    expect(() => queue.setMaxParallel(0)).toThrow(RangeError);
  });

  it('returns the existing run for a profile that is running or queued: no overlap', async () => {
    const { queue, runner } = setup(1);
    const a = queue.enqueue('a', 'schedule');
    const b = queue.enqueue('b', 'schedule');
    expect(queue.enqueue('a', 'manual')).toBe(a); // running
    expect(queue.enqueue('b', 'manual')).toBe(b); // queued
    expect(a.trigger).toBe('schedule');
    expect(runner.calls.map((c) => c.profileId)).toEqual(['a']);

    runner.calls[0]!.finish();
    expect(await a.done).toEqual({ state: 'succeeded' });
    expect(runner.calls.map((c) => c.profileId)).toEqual(['a', 'b']);
    // Once a's run has ended, a new request is a new run.
    const again = queue.enqueue('a', 'manual');
    expect(again).not.toBe(a);
    expect(again.state).toBe('queued');
  });

  it('runs at most maxParallel (default 2) at once, first in first out, with 5 profiles', async () => {
    const { queue, runner } = setup();
    expect(queue.maxParallel).toBe(2);
    const runs = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => queue.enqueue(id, 'schedule'));
    expect(queue.running().map((r) => r.profileId)).toEqual(['p1', 'p2']);
    expect(queue.queued().map((r) => r.profileId)).toEqual(['p3', 'p4', 'p5']);
    let peak = 0;
    while (runner.open().length > 0) {
      peak = Math.max(peak, runner.open().length);
      runner.open()[0]!.finish();
      await flush();
    }
    expect(peak).toBe(2);
    expect(runner.calls.map((c) => c.profileId)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(await Promise.all(runs.map((r) => r.done))).toEqual(Array(5).fill({ state: 'succeeded' }));
    expect(queue.running()).toEqual([]);
  });

  it('cancels a queued run: removed, never started, settles as cancelled', async () => {
    const { queue, runner, changes } = setup(1);
    queue.enqueue('a', 'schedule');
    const b = queue.enqueue('b', 'manual');
    queue.enqueue('c', 'manual');
    expect(queue.cancel('b')).toBe(true);
    expect(await b.done).toEqual({ state: 'cancelled' });
    expect(queue.queued().map((r) => r.profileId)).toEqual(['c']);
    runner.calls[0]!.finish();
    await flush();
    expect(runner.calls.map((x) => x.profileId)).toEqual(['a', 'c']);
    expect(b.state).toBe('cancelled');
    expect(changes).toEqual(['run-1:queued', 'run-1:running', 'run-2:queued', 'run-3:queued', 'run-2:cancelled', 'run-1:succeeded', 'run-3:running']);
    expect(queue.cancel('nobody')).toBe(false);
  });

  it('cancels a running run: aborts its signal and settles as cancelled, then frees the slot', async () => {
    const { queue, runner } = setup(1);
    const a = queue.enqueue('a', 'manual');
    const b = queue.enqueue('b', 'manual');
    const call = runner.calls[0]!;
    expect(queue.cancel('a')).toBe(true);
    expect(call.signal.aborted).toBe(true);
    expect(await a.done).toEqual({ state: 'cancelled' });
    expect(a.state).toBe('cancelled');
    expect(b.state).toBe('running');
  });

  it('holds the slot until an aborted run has really stopped', async () => {
    let stop!: () => void;
    const stubborn = createRunQueue({ run: () => new Promise<void>((resolve) => (stop = resolve)), maxParallel: 1 });
    const a = stubborn.enqueue('a', 'manual');
    stubborn.cancel('a');
    await flush();
    // The run ignores the abort for now: a new request must not start a second copy.
    expect(stubborn.enqueue('a', 'manual')).toBe(a);
    expect(stubborn.enqueue('b', 'manual').state).toBe('queued');
    stop();
    // Once it stops, the outcome is cancelled: the runner contract is not to commit after abort.
    expect(await a.done).toEqual({ state: 'cancelled' });
  });

  it('reports failures without rejecting, and records timestamps from the clock', async () => {
    const { queue, runner, clock } = setup();
    const run: Run = queue.enqueue('a', 'cli');
    clock.advance(5_000);
    runner.calls[0]!.fail(new Error('token expired'));
    const outcome = await run.done;
    expect(outcome.state).toBe('failed');
    expect(outcome.state === 'failed' && (outcome.error as Error).message).toBe('token expired');
    expect(run.queuedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(run.startedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(run.finishedAt?.toISOString()).toBe('2026-01-01T00:00:05.000Z');
  });

  it('cancelAll empties the queue and aborts what runs; whenIdle resolves after', async () => {
    const { queue, runner } = setup(2);
    const runs = ['a', 'b', 'c', 'd'].map((id) => queue.enqueue(id, 'schedule'));
    queue.cancelAll();
    await queue.whenIdle();
    expect(runner.calls.map((c) => c.profileId)).toEqual(['a', 'b']);
    expect(runs.map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('rejects a nonsensical bound', () => {
    expect(() => createRunQueue({ run: async () => {}, maxParallel: 0 })).toThrow(/maxParallel/);
  });
});

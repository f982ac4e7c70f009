import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../../../main/scheduler/clock.js';
import { createScheduler, type ScheduledProfile } from '../../../main/scheduler/scheduler.js';
import type { Schedule } from '../../../main/scheduler/schedule.js';
import { advanceTo, flush, testRunner } from './helpers.js';

const PARIS_6AM: Schedule = { kind: 'daily', time: '06:00', timeZone: 'Europe/Paris' };

function profile(id: string, schedule: Schedule, lastRunAt?: string, published = true): ScheduledProfile {
  return { id, schedule, published, ...(lastRunAt ? { lastRunAt: new Date(lastRunAt) } : {}) };
}

function setup(start: string, profiles: ScheduledProfile[], { autoFinish = true, maxParallel = 2, clock = undefined as Clock | undefined } = {}) {
  const manual = new ManualClock(start);
  const usedClock = clock ?? manual;
  const runner = testRunner(usedClock, { autoFinish });
  const nextRuns: string[] = [];
  const errors: string[] = [];
  const scheduler = createScheduler({
    clock: usedClock,
    run: runner.run,
    maxParallel,
    getProfiles: () => profiles,
    onNextRunChanged: (id, at) => nextRuns.push(`${id}:${at ? at.toISOString() : 'none'}`),
    onScheduleError: (id, message) => errors.push(`${id}: ${message}`),
  });
  const runs = () => runner.calls.map((c) => `${c.profileId} ${c.trigger} ${c.at}`);
  return { clock: manual, runner, scheduler, nextRuns, errors, runs, profiles };
}

describe('scheduler: daily runs', () => {
  it('fires at the chosen local time on each of several days', async () => {
    // Ran yesterday at 06:00 Paris, so nothing to catch up.
    const { clock, scheduler, runs, nextRuns } = setup('2026-01-05T00:00:00Z', [profile('p', PARIS_6AM, '2026-01-04T05:00:00Z')]);
    scheduler.start();
    expect(runs()).toEqual([]);
    expect(scheduler.nextRunAt('p')?.toISOString()).toBe('2026-01-05T05:00:00.000Z');

    await advanceTo(clock, '2026-01-09T00:00:00Z');
    expect(runs()).toEqual([
      'p schedule 2026-01-05T05:00:00.000Z',
      'p schedule 2026-01-06T05:00:00.000Z',
      'p schedule 2026-01-07T05:00:00.000Z',
      'p schedule 2026-01-08T05:00:00.000Z',
    ]);
    expect(scheduler.nextRunAt('p')?.toISOString()).toBe('2026-01-09T05:00:00.000Z');
    expect(nextRuns).toEqual([
      'p:2026-01-05T05:00:00.000Z',
      'p:2026-01-06T05:00:00.000Z',
      'p:2026-01-07T05:00:00.000Z',
      'p:2026-01-08T05:00:00.000Z',
      'p:2026-01-09T05:00:00.000Z',
    ]);
  });

  it('runs weekly schedules on their day only', async () => {
    // 2026-01-01 is a Thursday. Last run: Monday 29 December.
    const weekly: Schedule = { kind: 'weekly', day: 1, time: '07:30', timeZone: 'Europe/Paris' };
    const { clock, scheduler, runs } = setup('2026-01-01T00:00:00Z', [profile('w', weekly, '2025-12-29T06:30:00Z')]);
    scheduler.start();
    await advanceTo(clock, '2026-01-16T00:00:00Z', 3_600_000);
    expect(runs()).toEqual(['w schedule 2026-01-05T06:30:00.000Z', 'w schedule 2026-01-12T06:30:00.000Z']);
  });

  it('runs cron schedules at each match', async () => {
    const cron: Schedule = { kind: 'cron', expression: '0 */6 * * *', timeZone: 'UTC' };
    const { clock, scheduler, runs } = setup('2026-01-05T00:00:00Z', [profile('c', cron, '2026-01-05T00:00:00Z')]);
    scheduler.start();
    await advanceTo(clock, '2026-01-06T01:00:00Z');
    expect(runs()).toEqual([
      'c schedule 2026-01-05T06:00:00.000Z',
      'c schedule 2026-01-05T12:00:00.000Z',
      'c schedule 2026-01-05T18:00:00.000Z',
      'c schedule 2026-01-06T00:00:00.000Z',
    ]);
  });
});

describe('scheduler: DST in Europe/Berlin, daily at 02:30', () => {
  const BERLIN: Schedule = { kind: 'daily', time: '02:30', timeZone: 'Europe/Berlin' };

  it('spring forward (29 March 2026): once per day; on the short day at 03:00, when the clock jumps', async () => {
    const { clock, scheduler, runs } = setup('2026-03-27T12:00:00Z', [profile('b', BERLIN, '2026-03-27T01:30:00Z')]);
    scheduler.start();
    await advanceTo(clock, '2026-03-31T12:00:00Z');
    expect(runs()).toEqual([
      'b schedule 2026-03-28T01:30:00.000Z', // 02:30 CET (UTC+1)
      'b schedule 2026-03-29T01:00:00.000Z', // 02:30 does not exist; 03:00 CEST
      'b schedule 2026-03-30T00:30:00.000Z', // 02:30 CEST (UTC+2)
      'b schedule 2026-03-31T00:30:00.000Z',
    ]);
  });

  it('fall back (25 October 2026): once per day; the repeated 02:30 runs once, at its first occurrence', async () => {
    const { clock, scheduler, runs } = setup('2026-10-23T12:00:00Z', [profile('b', BERLIN, '2026-10-23T00:30:00Z')]);
    scheduler.start();
    await advanceTo(clock, '2026-10-27T12:00:00Z');
    expect(runs()).toEqual([
      'b schedule 2026-10-24T00:30:00.000Z', // 02:30 CEST
      'b schedule 2026-10-25T00:30:00.000Z', // first 02:30 (CEST); the second, 01:30Z, does not run
      'b schedule 2026-10-26T01:30:00.000Z', // 02:30 CET
      'b schedule 2026-10-27T01:30:00.000Z',
    ]);
  });
});

describe('scheduler: catch-up', () => {
  it('runs once at start after several missed days, then follows the schedule', async () => {
    // Last run 1 January; closed until 5 January 10:00 UTC: four 06:00 runs were missed.
    const { clock, scheduler, runs } = setup('2026-01-05T10:00:00Z', [profile('p', PARIS_6AM, '2026-01-01T05:00:00Z')]);
    scheduler.start();
    await flush();
    expect(runs()).toEqual(['p catch-up 2026-01-05T10:00:00.000Z']);
    expect(scheduler.nextRunAt('p')?.toISOString()).toBe('2026-01-06T05:00:00.000Z');
    await advanceTo(clock, '2026-01-06T12:00:00Z');
    expect(runs()).toEqual(['p catch-up 2026-01-05T10:00:00.000Z', 'p schedule 2026-01-06T05:00:00.000Z']);
  });

  it('does not catch up when nothing was missed, and runs a published profile that never ran', async () => {
    const { scheduler, runs } = setup('2026-01-05T10:00:00Z', [
      profile('fresh', PARIS_6AM, '2026-01-05T05:00:00Z'),
      profile('never', PARIS_6AM),
      profile('draft', PARIS_6AM, '2025-06-01T00:00:00Z', false),
    ]);
    scheduler.start();
    await flush();
    expect(runs()).toEqual(['never catch-up 2026-01-05T10:00:00.000Z']);
    expect(scheduler.nextRunAt('draft')).toBeNull();
  });

  it('after a sleep, the late timer runs once as catch-up and resume() adds nothing', async () => {
    const { clock, scheduler, runs, nextRuns } = setup('2026-01-05T00:00:00Z', [profile('p', PARIS_6AM, '2026-01-04T05:00:00Z')]);
    scheduler.start();
    clock.set('2026-01-08T09:00:00Z'); // asleep through four 06:00s
    await flush(); // that run has finished before the OS resume event arrives
    scheduler.resume();
    await flush();
    expect(runs()).toEqual(['p catch-up 2026-01-08T09:00:00.000Z']);
    // Straight to the next future time: no timer armed (and fired) for each missed day.
    expect(nextRuns).toEqual(['p:2026-01-05T05:00:00.000Z', 'p:2026-01-09T05:00:00.000Z']);
    expect(scheduler.nextRunAt('p')?.toISOString()).toBe('2026-01-09T05:00:00.000Z');
  });

  it('resume() catches up once even when no timer has fired yet', async () => {
    // A clock whose timers never fire, like a real one still inside its wake-check slice.
    let now = new Date('2026-01-05T00:00:00Z');
    const lazyClock: Clock = { now: () => now, setTimer: () => () => {} };
    const { scheduler, runs } = setup(now.toISOString(), [profile('p', PARIS_6AM, '2026-01-04T05:00:00Z')], { clock: lazyClock });
    scheduler.start();
    now = new Date('2026-01-08T09:00:00Z');
    scheduler.resume();
    await flush();
    scheduler.resume(); // the OS may send resume twice, after the catch-up run has finished
    await flush();
    expect(runs()).toEqual(['p catch-up 2026-01-08T09:00:00.000Z']);
    expect(scheduler.nextRunAt('p')?.toISOString()).toBe('2026-01-09T05:00:00.000Z');
  });
});

describe('scheduler: no overlap, cancel and the parallel bound', () => {
  it('a run still going at the next scheduled time is not doubled: the queue returns the same run', async () => {
    const { clock, scheduler, runner, runs } = setup('2026-01-05T00:00:00Z', [profile('p', PARIS_6AM, '2026-01-04T05:00:00Z')], {
      autoFinish: false,
    });
    scheduler.start();
    await advanceTo(clock, '2026-01-05T06:00:00Z');
    const first = runner.calls[0]!.run;
    await advanceTo(clock, '2026-01-06T06:00:00Z'); // the 06 January time comes while it still runs
    expect(runs()).toEqual(['p schedule 2026-01-05T05:00:00.000Z']);
    expect(scheduler.runNow('p', 'manual')).toBe(first);
    expect(scheduler.queue.get('p')).toBe(first);

    runner.calls[0]!.finish();
    await advanceTo(clock, '2026-01-07T06:00:00Z');
    expect(runs()).toEqual(['p schedule 2026-01-05T05:00:00.000Z', 'p schedule 2026-01-07T05:00:00.000Z']);
  });

  it('cancels a running run (signal aborted, settles cancelled) and keeps the schedule', async () => {
    const { scheduler, runner } = setup('2026-01-05T10:00:00Z', [profile('p', PARIS_6AM, '2026-01-05T05:00:00Z')], { autoFinish: false });
    scheduler.start();
    const run = scheduler.runNow('p', 'manual');
    expect(run.state).toBe('running');
    expect(scheduler.cancel('p')).toBe(true);
    expect(runner.calls[0]!.signal.aborted).toBe(true);
    expect(await run.done).toEqual({ state: 'cancelled' });
    expect(scheduler.nextRunAt('p')?.toISOString()).toBe('2026-01-06T05:00:00.000Z');
  });

  it('cancels a queued run: it never starts', async () => {
    const ps = [profile('a', PARIS_6AM, '2026-01-05T05:00:00Z'), profile('b', PARIS_6AM, '2026-01-05T05:00:00Z')];
    const { scheduler, runner } = setup('2026-01-05T10:00:00Z', ps, { autoFinish: false, maxParallel: 1 });
    scheduler.start();
    scheduler.runNow('a', 'manual');
    const b = scheduler.runNow('b', 'manual');
    expect(b.state).toBe('queued');
    expect(scheduler.cancel('b')).toBe(true);
    expect(await b.done).toEqual({ state: 'cancelled' });
    runner.calls[0]!.finish();
    await flush();
    expect(runner.calls.map((c) => c.profileId)).toEqual(['a']);
  });

  it('with 5 profiles due at once, at most maxParallel run, the rest wait their turn', async () => {
    const ps = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => profile(id, PARIS_6AM, '2026-01-04T05:00:00Z'));
    const { clock, scheduler, runner } = setup('2026-01-05T00:00:00Z', ps, { autoFinish: false, maxParallel: 2 });
    scheduler.start();
    await advanceTo(clock, '2026-01-05T05:00:00Z');
    expect(runner.open().map((c) => c.profileId)).toEqual(['p1', 'p2']);
    expect(scheduler.queue.queued().map((r) => r.profileId)).toEqual(['p3', 'p4', 'p5']);
    let peak = 0;
    while (runner.open().length > 0) {
      peak = Math.max(peak, runner.open().length);
      runner.open()[0]!.finish();
      await flush();
    }
    expect(peak).toBe(2);
    expect(runner.calls.map((c) => c.profileId)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });
});

describe('scheduler: changes and lifecycle', () => {
  it('refresh follows a schedule change, unpublishing and removal', async () => {
    const p = profile('p', PARIS_6AM, '2026-01-05T05:00:00Z');
    const { clock, scheduler, runs, nextRuns, profiles } = setup('2026-01-05T10:00:00Z', [p]);
    scheduler.start();
    p.schedule = { kind: 'daily', time: '18:00', timeZone: 'Europe/Paris' };
    scheduler.refresh('p');
    expect(scheduler.nextRunAt('p')?.toISOString()).toBe('2026-01-05T17:00:00.000Z');

    p.published = false;
    scheduler.refresh('p');
    expect(scheduler.nextRunAt('p')).toBeNull();
    await advanceTo(clock, '2026-01-06T12:00:00Z');
    expect(runs()).toEqual([]);

    p.published = true;
    scheduler.refresh('p'); // refresh never catches up: publishing runs 'publish' itself
    expect(runs()).toEqual([]);
    profiles.length = 0;
    scheduler.refresh('p');
    expect(nextRuns).toEqual(['p:2026-01-06T05:00:00.000Z', 'p:2026-01-05T17:00:00.000Z', 'p:none', 'p:2026-01-06T17:00:00.000Z', 'p:none']);
  });

  it('a profile that is unpublished without refresh is dropped when its timer fires', async () => {
    const p = profile('p', PARIS_6AM, '2026-01-05T05:00:00Z');
    const { clock, scheduler, runs } = setup('2026-01-05T10:00:00Z', [p]);
    scheduler.start();
    p.published = false;
    await advanceTo(clock, '2026-01-07T10:00:00Z');
    expect(runs()).toEqual([]);
    expect(scheduler.nextRunAt('p')).toBeNull();
  });

  it('reports an invalid stored schedule and leaves the profile unscheduled', () => {
    const { scheduler, errors } = setup('2026-01-05T10:00:00Z', [
      profile('bad', { kind: 'cron', expression: '0 25 * * *' }, '2026-01-05T00:00:00Z'),
    ]);
    scheduler.start();
    expect(scheduler.nextRunAt('bad')).toBeNull();
    expect(errors).toEqual(['bad: Invalid cron expression "0 25 * * *": Invalid value for hour: 25. Use five fields: minute hour day-of-month month day-of-week, e.g. "0 */6 * * *".']);
  });

  it('stop() disarms every timer; runNow still works for the CLI', async () => {
    const { clock, scheduler, runs } = setup('2026-01-05T10:00:00Z', [profile('p', PARIS_6AM, '2026-01-05T05:00:00Z')]);
    scheduler.start();
    scheduler.stop();
    expect(scheduler.nextRunAt('p')).toBeNull();
    await advanceTo(clock, '2026-01-07T10:00:00Z');
    expect(runs()).toEqual([]);
    scheduler.runNow('p', 'cli');
    await flush();
    expect(runs()).toEqual(['p cli 2026-01-07T10:00:00.000Z']);
  });

  it('stop({ cancelRuns: true }) also aborts what is running', async () => {
    const { scheduler, runner } = setup('2026-01-05T10:00:00Z', [profile('p', PARIS_6AM)], { autoFinish: false });
    scheduler.start(); // never ran: catch-up starts
    scheduler.stop({ cancelRuns: true });
    expect(runner.calls[0]!.signal.aborted).toBe(true);
    await scheduler.queue.whenIdle();
    expect(runner.calls[0]!.run.state).toBe('cancelled');
  });

  it('needs a queue or a run function, not both', () => {
    const clock = new ManualClock(0);
    expect(() => createScheduler({ clock, getProfiles: () => [] })).toThrow(/queue or a run/);
  });
});

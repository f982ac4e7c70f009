/**
 * A run whose process ended mid-run (the store marks its job interrupted at the next open)
 * counts as missed: catch-up runs it at start, even when its lastRunAt is recent.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../main/scheduler/clock.js';
import { createScheduler, type ScheduledProfile } from '../../../main/scheduler/scheduler.js';
import type { Schedule } from '../../../main/scheduler/schedule.js';
import { flush, testRunner } from './helpers.js';

const PARIS_6AM: Schedule = { kind: 'daily', time: '06:00', timeZone: 'Europe/Paris' };

function setup(profiles: ScheduledProfile[]) {
  const clock = new ManualClock('2026-01-05T10:00:00Z');
  const runner = testRunner(clock, { autoFinish: true });
  const scheduler = createScheduler({ clock, run: runner.run, getProfiles: () => profiles });
  return { scheduler, runs: () => runner.calls.map((c) => `${c.profileId} ${c.trigger} ${c.at}`) };
}

describe('scheduler: an interrupted last run', () => {
  it('is caught up at start although the schedule was not missed', async () => {
    // Both ran this morning at 06:00 Paris; only the first run was cut short.
    const { scheduler, runs } = setup([
      { id: 'cut', schedule: PARIS_6AM, published: true, lastRunAt: new Date('2026-01-05T05:00:00Z'), lastRunInterrupted: true },
      { id: 'whole', schedule: PARIS_6AM, published: true, lastRunAt: new Date('2026-01-05T05:00:00Z') },
    ]);
    scheduler.start();
    await flush();
    expect(runs()).toEqual(['cut catch-up 2026-01-05T10:00:00.000Z']);
    expect(scheduler.nextRunAt('cut')?.toISOString()).toBe('2026-01-06T05:00:00.000Z');
  });

  it('is caught up once: a resume after the catch-up was asked for does not ask again', async () => {
    const profile: ScheduledProfile = { id: 'cut', schedule: PARIS_6AM, published: true, lastRunAt: new Date('2026-01-05T05:00:00Z'), lastRunInterrupted: true };
    const { scheduler, runs } = setup([profile]);
    scheduler.start();
    await flush();
    // The store has not recorded the new run's job yet: the profile still reads as interrupted.
    scheduler.resume();
    await flush();
    expect(runs()).toEqual(['cut catch-up 2026-01-05T10:00:00.000Z']);
  });

  it('of a draft profile starts nothing', async () => {
    const { scheduler, runs } = setup([{ id: 'draft', schedule: PARIS_6AM, published: false, lastRunInterrupted: true }]);
    scheduler.start();
    await flush();
    expect(runs()).toEqual([]);
  });
});

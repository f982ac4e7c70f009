import { describe, expect, it } from 'vitest';
import { describeCron } from '../../../main/scheduler/describe.js';
import {
  DEFAULT_SCHEDULE,
  describeSchedule,
  machineTimeZone,
  nextRun,
  toCron,
  validateSchedule,
  type Schedule,
} from '../../../main/scheduler/schedule.js';

function invalid(value: unknown): string {
  const result = validateSchedule(value);
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  return result.message;
}

describe('toCron', () => {
  it('turns daily and weekly schedules into 5-field expressions', () => {
    expect(toCron({ kind: 'daily', time: '06:00' })).toBe('0 6 * * *');
    expect(toCron({ kind: 'weekly', day: 1, time: '07:30' })).toBe('30 7 * * 1');
    expect(toCron({ kind: 'cron', expression: '  0  */6 * * * ' })).toBe('0 */6 * * *');
  });
});

describe('describeSchedule', () => {
  it('says daily and weekly schedules in words, naming the zone only when the schedule pins one', () => {
    expect(describeSchedule({ kind: 'daily', time: '06:00', timeZone: 'Europe/Paris' })).toBe('Every day at 06:00 (Europe/Paris)');
    expect(describeSchedule({ kind: 'weekly', day: 1, time: '07:30' })).toBe('Every Monday at 07:30');
    expect(describeSchedule({ kind: 'weekly', day: 0, time: '23:05', timeZone: 'America/New_York' })).toBe(
      'Every Sunday at 23:05 (America/New_York)',
    );
    expect(describeSchedule(DEFAULT_SCHEDULE)).toBe('Every day at 06:00');
  });

  it('shows a cron expression with words for common shapes', () => {
    expect(describeSchedule({ kind: 'cron', expression: '0 */6 * * *' })).toBe('Cron 0 */6 * * * (every 6 hours)');
    expect(describeSchedule({ kind: 'cron', expression: '0 */6 * * *', timeZone: 'Europe/Paris' })).toBe(
      'Cron 0 */6 * * * (every 6 hours, in Europe/Paris)',
    );
    expect(describeCron('*/15 * * * *')).toBe('every 15 minutes');
    expect(describeCron('30 * * * *')).toBe('every hour at minute 30');
    expect(describeCron('0 6 * * *')).toBe('every day at 06:00');
    expect(describeCron('0 6,18 * * *')).toBe('every day at 06:00 and 18:00');
    expect(describeCron('30 7 * * 1-5')).toBe('every Monday to Friday at 07:30');
    expect(describeCron('0 9 * * mon,wed,fri')).toBe('every Monday, Wednesday and Friday at 09:00');
    expect(describeCron('0 3 1 * *')).toBe('on day 1 of every month at 03:00');
    expect(describeCron('0 3 L * *')).toBe('on the last day of every month at 03:00');
    expect(describeCron('@daily')).toBe('every day at 00:00');
    expect(describeCron('@hourly')).toBe('every hour');
  });

  it('does not paraphrase shapes it cannot say exactly', () => {
    // */7 hours restarts at midnight, so "every 7 hours" would be wrong.
    expect(describeSchedule({ kind: 'cron', expression: '0 */7 * * *' })).toBe('Cron 0 */7 * * *');
    expect(describeSchedule({ kind: 'cron', expression: '5 4 * 2 *', timeZone: 'UTC' })).toBe('Cron 5 4 * 2 * (in UTC)');
    expect(describeCron('0 6 1 * 1')).toBeUndefined();
  });
});

describe('validateSchedule', () => {
  it('accepts and normalises good schedules', () => {
    expect(validateSchedule({ kind: 'daily', time: '6:05' })).toEqual({ ok: true, schedule: { kind: 'daily', time: '06:05' } });
    expect(validateSchedule({ kind: 'weekly', day: 6, time: '23:59', timeZone: 'europe/paris' })).toEqual({
      ok: true,
      schedule: { kind: 'weekly', day: 6, time: '23:59', timeZone: 'Europe/Paris' },
    });
    expect(validateSchedule({ kind: 'cron', expression: ' 0  */6 * * * ' })).toEqual({
      ok: true,
      schedule: { kind: 'cron', expression: '0 */6 * * *' },
    });
    expect(validateSchedule(DEFAULT_SCHEDULE).ok).toBe(true);
  });

  it('gives a clear message for a bad cron expression', () => {
    expect(invalid({ kind: 'cron', expression: '61 * * * *' })).toBe(
      'Invalid cron expression "61 * * * *": Invalid value for minute: 61. Use five fields: minute hour day-of-month month day-of-week, e.g. "0 */6 * * *".',
    );
    expect(invalid({ kind: 'cron', expression: 'every day' })).toMatch(/^Invalid cron expression "every day": .*five/);
    // Seconds are not offered: a sync every second is never meant.
    expect(invalid({ kind: 'cron', expression: '*/5 * * * * *' })).toMatch(/^Invalid cron expression "\*\/5 \* \* \* \* \*": .*5 parts/);
    expect(invalid({ kind: 'cron', expression: '0 0 30 2 *' })).toBe('Cron expression "0 0 30 2 *" never runs.');
    expect(invalid({ kind: 'cron', expression: '   ' })).toMatch(/needs an expression/);
  });

  it('gives a clear message for a bad time, day, zone or kind', () => {
    expect(invalid({ kind: 'daily', time: '25:00' })).toBe('Time must be HH:MM on a 24-hour clock, e.g. "06:00", got "25:00".');
    expect(invalid({ kind: 'daily', time: '6pm' })).toMatch(/^Time must be HH:MM/);
    expect(invalid({ kind: 'daily' })).toMatch(/got undefined/);
    expect(invalid({ kind: 'weekly', day: 7, time: '06:00' })).toBe('Day must be a whole number from 0 (Sunday) to 6 (Saturday), got 7.');
    expect(invalid({ kind: 'daily', time: '06:00', timeZone: 'Mars/Olympus' })).toBe(
      'Unknown time zone "Mars/Olympus": use an IANA name such as "Europe/Paris".',
    );
    expect(invalid({ kind: 'hourly' })).toBe('Unknown schedule kind "hourly": use "daily", "weekly" or "cron".');
    expect(invalid(null)).toMatch(/must be an object/);
  });
});

describe('nextRun', () => {
  it('is the first time strictly after the reference, in the schedule zone', () => {
    const paris: Schedule = { kind: 'daily', time: '06:00', timeZone: 'Europe/Paris' };
    expect(nextRun(paris, new Date('2026-01-05T04:59:59.500Z'))?.toISOString()).toBe('2026-01-05T05:00:00.000Z');
    expect(nextRun(paris, new Date('2026-01-05T05:00:00.000Z'))?.toISOString()).toBe('2026-01-06T05:00:00.000Z');
    // Summer time: 06:00 in Paris is 04:00 UTC.
    expect(nextRun(paris, new Date('2026-07-01T00:00:00Z'))?.toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('handles weekly and cron schedules', () => {
    // 2026-01-01 is a Thursday; the next Monday is 5 January.
    const weekly: Schedule = { kind: 'weekly', day: 1, time: '07:30', timeZone: 'Europe/Paris' };
    expect(nextRun(weekly, new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-05T06:30:00.000Z');
    const cron: Schedule = { kind: 'cron', expression: '0 */6 * * *', timeZone: 'Asia/Tokyo' };
    expect(nextRun(cron, new Date('2026-01-01T00:30:00Z'))?.toISOString()).toBe('2026-01-01T03:00:00.000Z');
  });

  it('uses the machine zone when the schedule has none', () => {
    const after = new Date('2026-05-10T12:34:00Z');
    expect(nextRun(DEFAULT_SCHEDULE, after)).toEqual(nextRun({ ...DEFAULT_SCHEDULE, timeZone: machineTimeZone() }, after));
  });
});

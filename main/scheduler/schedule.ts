import { Cron } from 'croner';

/**
 * When a profile syncs. Structurally the same as the store's StoredSchedule, so a stored value can
 * be passed straight to validateSchedule. Times are wall-clock times in `timeZone`; without a
 * `timeZone` the machine's zone applies at the moment a run is computed, so a laptop that travels
 * keeps syncing at "06:00 where I am".
 */
export type Schedule =
  | { kind: 'daily'; time: string; timeZone?: string }
  /** `day`: 0 = Sunday … 6 = Saturday, as in cron. A plain number to match the stored shape; validateSchedule checks the range. */
  | { kind: 'weekly'; day: number; time: string; timeZone?: string }
  | { kind: 'cron'; expression: string; timeZone?: string };

export const DEFAULT_SCHEDULE: Schedule = Object.freeze({ kind: 'daily', time: '06:00' });

export type ScheduleValidation = { ok: true; schedule: Schedule } | { ok: false; message: string };

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The machine's IANA zone, read each time because the OS setting can change while the app runs. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function resolveTimeZone(schedule: Schedule): string {
  return schedule.timeZone ?? machineTimeZone();
}

/** The 5-field cron expression the schedule stands for. Daily/weekly hold an already validated time. */
export function toCron(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'daily': {
      const [h, m] = splitTime(schedule.time);
      return `${m} ${h} * * *`;
    }
    case 'weekly': {
      const [h, m] = splitTime(schedule.time);
      return `${m} ${h} * * ${schedule.day}`;
    }
    case 'cron':
      return schedule.expression.trim().replace(/\s+/g, ' ');
  }
}

/**
 * The first run strictly after `after`, in the schedule's zone. Croner applies the DST rules: a
 * fixed time that falls in the spring-forward gap runs when the clock jumps (03:00 for 02:30 in
 * Berlin), and a time that occurs twice in the fall-back runs once, at its first occurrence.
 * Null when the expression can never match (e.g. 30 February); validateSchedule rejects those.
 * Throws on an invalid schedule, so validate what comes from outside first.
 */
export function nextRun(schedule: Schedule, after: Date): Date | null {
  return cronFor(schedule, resolveTimeZone(schedule)).nextRun(after);
}

/** Checks an untrusted value (IPC, CLI, store) and returns a normalised copy or a message a person can act on. */
export function validateSchedule(value: unknown): ScheduleValidation {
  if (typeof value !== 'object' || value === null) return fail('A schedule must be an object with a kind.');
  const v = value as Record<string, unknown>;

  let timeZone: string | undefined;
  if (v.timeZone !== undefined) {
    if (typeof v.timeZone !== 'string' || !isTimeZone(v.timeZone)) {
      return fail(`Unknown time zone ${JSON.stringify(v.timeZone)}: use an IANA name such as "Europe/Paris".`);
    }
    timeZone = canonicalZone(v.timeZone);
  }
  const withZone = <T extends Schedule>(s: T): T => (timeZone === undefined ? s : { ...s, timeZone });

  switch (v.kind) {
    case 'daily': {
      const time = normaliseTime(v.time);
      if (time === undefined) return fail(timeMessage(v.time));
      return { ok: true, schedule: withZone({ kind: 'daily', time }) };
    }
    case 'weekly': {
      const time = normaliseTime(v.time);
      if (time === undefined) return fail(timeMessage(v.time));
      if (typeof v.day !== 'number' || !Number.isInteger(v.day) || v.day < 0 || v.day > 6) {
        return fail(`Day must be a whole number from 0 (Sunday) to 6 (Saturday), got ${JSON.stringify(v.day)}.`);
      }
      return { ok: true, schedule: withZone({ kind: 'weekly', day: v.day, time }) };
    }
    case 'cron': {
      if (typeof v.expression !== 'string' || v.expression.trim() === '') {
        return fail('A cron schedule needs an expression, e.g. "0 */6 * * *" (every 6 hours).');
      }
      const schedule = withZone({ kind: 'cron' as const, expression: v.expression.trim().replace(/\s+/g, ' ') });
      const problem = cronProblem(schedule);
      return problem === undefined ? { ok: true, schedule } : fail(problem);
    }
    default:
      return fail(`Unknown schedule kind ${JSON.stringify(v.kind)}: use "daily", "weekly" or "cron".`);
  }
}

function cronProblem(schedule: Schedule & { kind: 'cron' }): string | undefined {
  let cron: Cron;
  try {
    cron = cronFor(schedule, resolveTimeZone(schedule));
  } catch (error) {
    // Croner's messages are precise ("Invalid value for minute: 61") but prefixed with its class name.
    const detail = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    return `Invalid cron expression "${schedule.expression}": ${detail}. Use five fields: minute hour day-of-month month day-of-week, e.g. "0 */6 * * *".`;
  }
  // Impossible dates such as 30 February parse fine but would leave a profile that never syncs.
  if (cron.nextRun(new Date()) === null) return `Cron expression "${schedule.expression}" never runs.`;
  return undefined;
}

/** Five fields only: croner would also take seconds, and a sync every second is never what a person means. */
function cronFor(schedule: Schedule, timeZone: string): Cron {
  return new Cron(toCron(schedule), { timezone: timeZone, mode: '5-part' });
}

function splitTime(time: string): [number, number] {
  const match = TIME.exec(time);
  if (!match) throw new Error(timeMessage(time));
  return [Number(match[1]), Number(match[2])];
}

function normaliseTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIME.exec(value.trim());
  if (!match) return undefined;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

function timeMessage(value: unknown): string {
  return `Time must be HH:MM on a 24-hour clock, e.g. "06:00", got ${JSON.stringify(value)}.`;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "europe/paris" is accepted by Intl; store the canonical spelling so it displays well. */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

function fail(message: string): ScheduleValidation {
  return { ok: false, message };
}

export { describeSchedule } from './describe.js';

/** The schedule form's values: every field kept as typed, whichever kind is chosen. */
import type { ScheduleInput } from '../../types.js';

export interface ScheduleDraft {
  kind: ScheduleInput['kind'];
  time: string;
  day: number;
  expression: string;
  timeZone: string;
}

const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

export function draftOf(schedule: ScheduleInput): ScheduleDraft {
  return {
    kind: schedule.kind,
    time: schedule.kind === 'cron' ? '06:00' : schedule.time,
    day: schedule.kind === 'weekly' ? schedule.day : 1,
    expression: schedule.kind === 'cron' ? schedule.expression : '0 6 * * *',
    timeZone: schedule.timeZone ?? '',
  };
}

/** What can be checked here; main checks the rest (a zone that exists, a cron that ever runs). */
export function validateDraft(draft: ScheduleDraft): Partial<Record<keyof ScheduleDraft, string>> {
  const errors: Partial<Record<keyof ScheduleDraft, string>> = {};
  if (draft.kind !== 'cron' && !TIME.test(draft.time)) errors.time = 'Enter a time such as 06:00.';
  if (draft.kind === 'cron' && draft.expression.trim().split(/\s+/).length !== 5) {
    errors.expression = 'A cron expression has five fields, e.g. 0 */6 * * *.';
  }
  if (draft.timeZone.trim() && !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(draft.timeZone.trim())) {
    errors.timeZone = 'Use an IANA zone name such as Europe/Berlin, or leave it empty.';
  }
  return errors;
}

export function toSchedule(draft: ScheduleDraft): ScheduleInput {
  const zone = draft.timeZone.trim() ? { timeZone: draft.timeZone.trim() } : {};
  switch (draft.kind) {
    case 'daily':
      return { kind: 'daily', time: draft.time, ...zone };
    case 'weekly':
      return { kind: 'weekly', day: draft.day, time: draft.time, ...zone };
    case 'cron':
      return { kind: 'cron', expression: draft.expression.trim().replace(/\s+/g, ' '), ...zone };
  }
}

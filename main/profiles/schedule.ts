/**
 * A profile's scheduled sync, read and changed. The contract checks the shape; croner (through
 * validateSchedule) checks what only it can: a zone that exists, a cron expression that parses
 * and ever runs. A change is audited and re-arms the scheduler at once.
 */
import type { ScheduleInput, ScheduleView } from '../../preload/contract.js';
import { invalid } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { describeSchedule, nextRun, resolveTimeZone, validateSchedule, type Schedule } from '../scheduler/index.js';
import type { ProfileRecord } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';

export interface ScheduleDeps {
  store: DataStore;
  events: EventBus;
  requireProfile: (idOrName: string) => ProfileRecord;
  now: () => Date;
  /** The armed timer's time; null where no scheduler runs (a one-shot CLI command). */
  nextRunAt: (profileId: string) => Date | null;
  /** Re-arms the profile's timer after its schedule changed. */
  refresh: (profileId: string) => void;
}

export function scheduleView(deps: ScheduleDeps, idOrName: string): ScheduleView {
  const profile = deps.requireProfile(idOrName);
  const checked = validateSchedule(profile.schedule);
  // A stored schedule that no longer validates (a zone removed from the OS) is shown as it is.
  const schedule = checked.ok ? checked.schedule : (profile.schedule as Schedule);
  const published = profile.status === 'published';
  const next = published ? (deps.nextRunAt(profile.id) ?? (checked.ok ? nextRun(schedule, deps.now()) : null)) : null;
  return {
    profileId: profile.id,
    schedule: toInput(schedule),
    description: describeSchedule(schedule),
    timeZone: resolveTimeZone(schedule),
    ...(next ? { nextRunAt: next.toISOString() } : {}),
  };
}

export async function setSchedule(deps: ScheduleDeps, idOrName: string, input: ScheduleInput): Promise<ScheduleView> {
  const profile = deps.requireProfile(idOrName);
  const checked = validateSchedule(input);
  if (!checked.ok) throw invalid(checked.message);
  const before = profile.schedule;
  await deps.store.update((root) => {
    const p = root.profiles.find((x) => x.id === profile.id);
    if (p) p.schedule = checked.schedule;
  });
  await deps.store.audit.append({
    action: 'schedule.changed',
    profileId: profile.id,
    target: profile.name,
    before,
    after: checked.schedule,
    message: describeSchedule(checked.schedule),
  });
  deps.refresh(profile.id);
  deps.events.emit('profiles:changed', { profileId: profile.id });
  return scheduleView(deps, profile.id);
}

function toInput(schedule: Schedule): ScheduleInput {
  const zone = schedule.timeZone ? { timeZone: schedule.timeZone } : {};
  switch (schedule.kind) {
    case 'daily':
      return { kind: 'daily', time: schedule.time, ...zone };
    case 'weekly':
      return { kind: 'weekly', day: schedule.day, time: schedule.time, ...zone };
    case 'cron':
      return { kind: 'cron', expression: schedule.expression, ...zone };
  }
}

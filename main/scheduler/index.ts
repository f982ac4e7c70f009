// The scheduler's public surface, for main/app.ts and the CLI.
export { createSystemClock, ManualClock, type Cancel, type Clock, type SystemClockOptions } from './clock.js';
export { describeCron } from './describe.js';
export {
  createRunQueue,
  DEFAULT_MAX_PARALLEL,
  type Run,
  type RunFn,
  type RunOutcome,
  type RunQueue,
  type RunQueueOptions,
  type RunState,
  type Trigger,
} from './queue.js';
export { DEFAULT_RETENTION, pruneJobs, type PrunableJob, type RetentionPolicy } from './retention.js';
export { createScheduler, type ScheduledProfile, type Scheduler, type SchedulerOptions } from './scheduler.js';
export {
  DEFAULT_SCHEDULE,
  describeSchedule,
  machineTimeZone,
  nextRun,
  resolveTimeZone,
  toCron,
  validateSchedule,
  type Schedule,
  type ScheduleValidation,
} from './schedule.js';

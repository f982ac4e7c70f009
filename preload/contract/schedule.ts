/**
 * A profile's scheduled sync: daily (the default, 06:00), weekly, or a cron expression, in the
 * machine's time zone unless one is pinned. main re-validates with croner (the contract checks
 * shape only) and answers with the schedule in words and its next run.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, profileRef } from './common.js';
import { method } from './method.js';

const timeSchema = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'a time such as 06:00');
const timeZoneSchema = z.string().min(1).max(64).optional();

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily'), time: timeSchema, timeZone: timeZoneSchema }),
  z.strictObject({ kind: z.literal('weekly'), day: z.number().int().min(0).max(6), time: timeSchema, timeZone: timeZoneSchema }),
  z.strictObject({ kind: z.literal('cron'), expression: z.string().trim().min(1).max(200), timeZone: timeZoneSchema }),
]);
export type ScheduleInput = z.infer<typeof scheduleSchema>;

export const scheduleViewSchema = z.object({
  profileId: idSchema,
  schedule: scheduleSchema,
  // In words: "Every day at 06:00", "Cron 0 */6 * * * (every 6 hours)".
  description: z.string(),
  /** The zone the times are read in: the pinned one, else the machine's. */
  timeZone: z.string(),
  /** Absent while the profile is a draft: only published profiles are scheduled. */
  nextRunAt: isoDateSchema.optional(),
});
export type ScheduleView = z.infer<typeof scheduleViewSchema>;

export const scheduleMethods = {
  'schedule:get': method(profileRef, scheduleViewSchema),
  'schedule:set': method(z.strictObject({ profileId: idSchema, schedule: scheduleSchema }), scheduleViewSchema),
};

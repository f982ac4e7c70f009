import { z } from 'zod';
import { idSchema, isoDateSchema, okOutput, profileRef } from './common.js';
import { method } from './method.js';

export const jobTriggerSchema = z.enum(['publish', 'schedule', 'manual', 'catch-up', 'cli']);
export const jobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export const phaseSchema = z.enum(['download', 'activity', 'candidates', 'reclaim']);

/** One vendor write a sync made on its own, under a rule set to reclaim automatically. */
export const reclaimedSeatSchema = z.object({
  candidateId: idSchema,
  email: z.string(),
  call: z.object({ method: z.string(), url: z.string() }),
  status: z.enum(['reclaimed', 'failed']),
  message: z.string().optional(),
  ruleId: z.string().optional(),
});
export type ReclaimedSeat = z.infer<typeof reclaimedSeatSchema>;

export const phaseResultSchema = z.object({
  phase: phaseSchema,
  startedAt: isoDateSchema,
  finishedAt: isoDateSchema.optional(),
  state: z.enum(['running', 'succeeded', 'failed', 'skipped']),
  message: z.string().optional(),
});

export const jobResultSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  profileName: z.string(),
  trigger: jobTriggerSchema,
  state: jobStateSchema,
  startedAt: isoDateSchema,
  finishedAt: isoDateSchema.optional(),
  phases: z.array(phaseResultSchema),
  counts: z.object({
    seats: z.number().int(),
    freeSeats: z.number().int(),
    /** Listed by the vendor but holding no seat; absent in jobs recorded before it was counted. */
    deactivatedSeats: z.number().int().optional(),
    subscriptions: z.number().int(),
    candidates: z.number().int(),
    requests: z.number().int(),
    pages: z.number().int(),
  }),
  activityAvailable: z.boolean().nullable(),
  /** Every vendor write the run made (automatic reclaim): empty when it made none. */
  reclaimed: z.array(reclaimedSeatSchema).optional(),
  error: z.string().optional(),
});
export type JobResult = z.infer<typeof jobResultSchema>;

export const syncProgressSchema = z.object({
  profileId: idSchema,
  jobId: idSchema,
  phase: phaseSchema,
  pages: z.number().int(),
  users: z.number().int(),
  /** 0..1 where the total is known, null where it is not. */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string().optional(),
});
export type SyncProgressEvent = z.infer<typeof syncProgressSchema>;

export const syncMethods = {
  /** Starts the pipeline; resolves at once with the job, which runs on. A running profile returns its running job. */
  'sync:run': method(
    profileRef.extend({
      /** No vendor write in this run, whatever the rules allow (`seatwise sync --no-reclaim`). */
      noReclaim: z.boolean().optional(),
    }),
    jobResultSchema,
  ),
  'sync:cancel': method(profileRef, okOutput),
  'jobs:list': method(z.strictObject({ profileId: idSchema.optional(), limit: z.number().int().min(1).max(1000).optional() }), z.array(jobResultSchema)),
};

export const syncEvents = {
  'sync:progress': syncProgressSchema,
  'jobs:changed': z.object({ job: jobResultSchema }),
  'profiles:changed': z.object({ profileId: idSchema.optional() }),
};

import { z } from 'zod';
import { emptyInput } from './common.js';
import { method } from './method.js';

/** Runs are network-bound (see main/settings/parallel.ts): the bound is memory, not cores. */
export const MAX_PARALLEL_SYNCS = 64;

export const appSettingsSchema = z.object({
  /** Closing the window keeps Seatwise (and its schedules) running in the tray, where the OS has one. */
  keepRunningInTray: z.boolean(),
  /** Profiles syncing at once; applies at once (runs already going finish). */
  maxParallelSyncs: z.number().int().min(1).max(MAX_PARALLEL_SYNCS),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const settingsPatchSchema = z.strictObject({
  keepRunningInTray: z.boolean().optional(),
  maxParallelSyncs: z.number().int().min(1).max(MAX_PARALLEL_SYNCS).optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsMethods = {
  'settings:get': method(emptyInput, appSettingsSchema),
  /** Changes only the fields given; returns the settings as saved. */
  'settings:update': method(settingsPatchSchema, appSettingsSchema),
};

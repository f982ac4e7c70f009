/**
 * Apps with no API: a vendor's user export imported as the profile's seats (the import is its
 * sync), and reclaim as a task list for a ticket, marked reclaimed by hand.
 */
import { z } from 'zod';
import { idSchema } from './common.js';
import { method } from './method.js';
import { jobResultSchema } from './sync.js';

/** As connectors/csv/export-file.ts refuses beyond it: the file's text is sent, never a path. */
export const MAX_IMPORT_CHARS = 10 * 1024 * 1024;

const column = z.string().trim().min(1).max(200);

/** Which header column holds each field; given fields replace the remembered mapping. `lastActive: null`: the export has none. */
export const columnMappingSchema = z.strictObject({
  email: column.optional(),
  name: column.optional(),
  licenseType: column.optional(),
  lastActive: column.nullable().optional(),
});
export type ColumnMappingInput = z.infer<typeof columnMappingSchema>;

const importFileSchema = {
  fileName: z.string().trim().max(500).optional(),
  content: z.string().max(MAX_IMPORT_CHARS, 'The export is larger than 10 MB: export only the users, or split the file.'),
  mapping: columnMappingSchema.optional(),
};

export const importPreviewSchema = z.object({
  header: z.array(z.string()),
  /** The mapping that would be used: given, remembered, or guessed from the header. */
  mapping: z.object({ email: z.string().optional(), name: z.string().optional(), licenseType: z.string().optional(), lastActive: z.string().optional() }),
  /** Seats the export makes with that mapping; absent when it cannot be imported (`problem` says why). */
  seats: z.number().int().optional(),
  problem: z.string().optional(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const reclaimTaskSchema = z.object({
  candidateId: idSchema,
  email: z.string(),
  name: z.string(),
  licenseType: z.string(),
  task: z.string(),
});
export type ReclaimTask = z.infer<typeof reclaimTaskSchema>;

export const taskListSchema = z.object({
  profileId: idSchema,
  profileName: z.string(),
  tasks: z.array(reclaimTaskSchema),
  skipped: z.array(z.object({ candidateId: z.string(), email: z.string(), reason: z.string() })),
  /** The list as CSV text (cells a spreadsheet would run as formulas neutralised), for copying. */
  text: z.string(),
  /** Where it was written, with `out`. */
  path: z.string().optional(),
});
export type TaskList = z.infer<typeof taskListSchema>;

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'out must be an absolute path');

export const fileImportMethods = {
  /** What importing this export would do: its header and the mapping detected. Changes nothing. */
  'profiles:previewImport': method(z.strictObject({ profileId: idSchema.optional(), ...importFileSchema }), importPreviewSchema),
  /**
   * Imports a CSV app's export: its sync, with the same job record and the same all-or-nothing
   * commit. A draft is published by its first import. The mapping used is remembered.
   */
  'profiles:import': method(z.strictObject({ profileId: idSchema, ...importFileSchema }), jobResultSchema),
  /**
   * A CSV app's reclaim: the approved candidates (or those named) as tasks for a ticket, written
   * to `out` when given. They stay pending, marked "task written", until marked reclaimed.
   */
  'reclaim:taskList': method(
    z.strictObject({ profileId: idSchema, candidateIds: z.array(idSchema).min(1).max(100_000).optional(), approved: z.literal(true).optional(), out: absolutePath.optional() }),
    taskListSchema,
  ),
  /** Someone removed these users in the app: the candidates are reclaimed (audited) and count as saved. */
  'candidates:markReclaimed': method(
    z.strictObject({ candidateIds: z.array(idSchema).min(1).max(100_000) }),
    z.object({ reclaimed: z.array(z.object({ id: idSchema, auditId: z.string() })), unchanged: z.array(z.object({ id: z.string(), reason: z.string() })) }),
  ),
};

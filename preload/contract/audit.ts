/**
 * The audit log's export. Listing stays beside reclamation (`audit:list`); the export is its
 * own method because it writes a file, like `candidates:export`.
 */
import { z } from 'zod';
import { method } from './method.js';

export const auditExportFormatSchema = z.enum(['csv', 'json']);
export type AuditExportFormat = z.infer<typeof auditExportFormatSchema>;

export const auditMethods = {
  'audit:export': method(
    z.strictObject({
      format: auditExportFormatSchema,
      // The same check as candidates:export: main writes where it is told, so never relative
      // to whatever folder the process happens to run in.
      out: z.string().min(1).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'out must be an absolute path'),
    }),
    z.object({ path: z.string(), rows: z.number().int() }),
  ),
};

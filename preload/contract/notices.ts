/**
 * "Notify user" notices: the message each person holding a reclamation
 * candidate seat gets when its rule has "Notify user" on, to copy or export for mailing.
 * Only open and approved candidates of such rules have a notice; the others are skipped.
 */
import { z } from 'zod';
import { idSchema } from './common.js';
import { method } from './method.js';

export const noticeSchema = z.object({
  candidateId: idSchema,
  profileId: idSchema,
  profileName: z.string(),
  email: z.string(),
  name: z.string(),
  licenseType: z.string(),
  /** When the seat may be reclaimed; absent when the rule gives no date yet ("after review"). */
  reclaimableAt: z.string().optional(),
  subject: z.string(),
  body: z.string(),
});
export type NoticeView = z.infer<typeof noticeSchema>;

export const NOTICE_FORMATS = ['csv', 'txt'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

const noticeSelection = z.strictObject({
  profileId: idSchema.optional(),
  /** Only these candidates (still only those with a notice); all of the scope when absent. */
  candidateIds: z.array(idSchema).min(1).max(100_000).optional(),
});

export const noticeMethods = {
  'notices:list': method(noticeSelection, z.array(noticeSchema)),
  'notices:export': method(
    noticeSelection.extend({
      format: z.enum(NOTICE_FORMATS),
      // The same rule as candidates:export: main writes where it is told, so the path must be whole.
      out: z.string().min(1).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'out must be an absolute path'),
    }),
    z.object({ path: z.string(), rows: z.number().int() }),
  ),
};

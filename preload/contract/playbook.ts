import { z } from 'zod';
import { idSchema } from './common.js';
import { method } from './method.js';

/** The playbook's steps, in order. `register` is the first (PLAYBOOK_FIRST_STEP in main). */
export const playbookStepSchema = z.enum(['register', 'details', 'connection', 'org', 'review']);
export type PlaybookStep = z.infer<typeof playbookStepSchema>;

/**
 * Draft keys that look like a credential. The draft is stored in the data folder in clear;
 * secrets go to the keychain with `connection:setSecret` and never here.
 */
export const SECRET_LIKE_KEY = /secret|token|passw(or)?d|pwd|api[-_]?key|apikey|credential|private|bearer|session|cookie/i;

const draftValueSchema = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(2000)).max(100)]);

/** Non-secret form values, flat: `{ name: "Asana – Marketing", baseUrl: "https://…", reclaim: true }`. */
export const playbookDraftSchema = z
  .record(z.string().min(1).max(100), draftValueSchema)
  .refine((draft) => Object.keys(draft).length <= 100, { message: 'The playbook draft holds at most 100 values.' })
  .refine((draft) => !Object.keys(draft).some((key) => SECRET_LIKE_KEY.test(key)), {
    message: 'The playbook draft holds no secrets: store credentials with connection:setSecret.',
  });

export const playbookStateSchema = z.object({
  currentStep: z.string(),
  completed: z.array(z.string()),
  draft: z.record(z.string(), z.unknown()),
});
export type PlaybookState = z.infer<typeof playbookStateSchema>;

export const playbookSaveInputSchema = z.strictObject({
  profileId: idSchema,
  currentStep: playbookStepSchema,
  completed: z.array(z.union([playbookStepSchema, z.literal('publish')])).max(10).optional(),
  draft: playbookDraftSchema,
});

export const playbookMethods = {
  'playbook:get': method(z.strictObject({ profileId: idSchema }), playbookStateSchema),
  'playbook:save': method(playbookSaveInputSchema, playbookStateSchema),
};

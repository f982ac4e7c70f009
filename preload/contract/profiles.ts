import { z } from 'zod';
import { grantTypeSchema, idSchema, isoDateSchema, processSchema, profileRef, vendorSchema, okOutput } from './common.js';
import { method } from './method.js';

export const profileStatusSchema = z.enum(['draft', 'published']);
/** What the home screen shows beside Draft/Published. */
export const profileHealthSchema = z.enum(['never_synced', 'ok', 'needs_signin', 'failing', 'needs_attention']);

const urlSchema = z.string().trim().url().max(2000);

export const connectionInputSchema = z.strictObject({
  baseUrl: urlSchema,
  grantType: grantTypeSchema,
  clientId: z.string().trim().max(500).optional(),
  username: z.string().trim().max(500).optional(),
  authorizeUrl: urlSchema.optional(),
  tokenUrl: urlSchema.optional(),
  revokeUrl: urlSchema.optional(),
  scopes: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  /** Fixed loopback port for vendors that need the exact redirect URI registered. */
  redirectPort: z.number().int().min(1024).max(65535).optional(),
  options: z.record(z.string(), z.string().max(20_000)).optional(),
});
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

export const processSettingsSchema = z.strictObject({
  activity: z.strictObject({
    enabled: z.boolean(),
    /** "Analyze user activity from": at most 60 days back. */
    lookbackDays: z.number().int().min(1).max(60),
  }),
  reclaim: z.strictObject({ enabled: z.boolean() }),
});
export type ProcessSettings = z.infer<typeof processSettingsSchema>;

export const connectionViewSchema = z.object({
  aliasId: idSchema,
  label: z.string(),
  baseUrl: z.string(),
  grantType: grantTypeSchema,
  clientId: z.string().optional(),
  username: z.string().optional(),
  authorizeUrl: z.string().optional(),
  tokenUrl: z.string().optional(),
  revokeUrl: z.string().optional(),
  scopes: z.array(z.string()),
  redirectPort: z.number().optional(),
  options: z.record(z.string(), z.string()),
  /** Never the secret itself: only whether one is in the keychain. */
  hasSecret: z.boolean(),
  status: z.enum(['not_connected', 'connected', 'needs_signin', 'failing']),
  connectedAs: z.string().optional(),
  expiresAt: isoDateSchema.optional(),
  lastValidation: z
    .object({
      at: isoDateSchema,
      results: z.array(z.object({ process: processSchema, ok: z.boolean(), message: z.string() })),
    })
    .optional(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const activityNoteSchema = z.object({
  reason: z.enum(['turned_off', 'not_supported', 'unavailable']),
  message: z.string(),
  /** What would give activity at this vendor: a plan, a service account, an identity provider. */
  hint: z.string(),
});
export type ActivityNote = z.infer<typeof activityNoteSchema>;

export const lastSyncSchema = z.object({
  jobId: idSchema,
  at: isoDateSchema,
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
  error: z.string().optional(),
});

export const profileSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  vendor: vendorSchema,
  preset: z.string().optional(),
  status: profileStatusSchema,
  health: profileHealthSchema,
  healthReason: z.string().optional(),
  /** Paid seats: held and billed (main/subscriptions/seat-counts.ts). */
  seats: z.number().int(),
  /** Held but not billed: guests, view-only, free licenses, billing paused. */
  freeSeats: z.number().int(),
  /** Listed by the vendor but holding no seat. */
  deactivatedSeats: z.number().int(),
  orgs: z.number().int(),
  candidates: z.number().int(),
  /** Monthly cost of the open and approved candidates whose license type has a unit cost. */
  monthlySavings: z.number(),
  currency: z.string(),
  /** Open and approved candidates whose license type (or, under a rule that downgrades, whose cheaper tier) has no unit cost: not in monthlySavings. */
  unpricedCandidates: z.number().int(),
  activityAvailable: z.boolean().nullable(),
  /** Why there is no activity, and what would give it; present while activityAvailable is false. */
  activityNote: activityNoteSchema.optional(),
  lastSync: lastSyncSchema.optional(),
  nextSyncAt: isoDateSchema.optional(),
  connectedAs: z.string().optional(),
  createdAt: isoDateSchema,
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const profileDetailSchema = profileSummarySchema.extend({
  processes: processSettingsSchema,
  connection: connectionViewSchema,
  extraOrgs: z.array(connectionViewSchema),
  licenseTypes: z.array(z.object({ name: z.string(), seats: z.number().int(), paid: z.boolean(), deactivated: z.number().int() })),
  /** SSO sign-ins to this identity provider app count as the seats' activity (matched by email). */
  sso: z
    .object({ idpProfileId: idSchema, idpProfileName: z.string(), appId: z.string(), appLabel: z.string(), lastReadAt: z.string().optional() })
    .optional(),
});
export type ProfileDetail = z.infer<typeof profileDetailSchema>;

export const profileNameSchema = z.string().trim().min(1, 'Name is required').max(120);

export const createProfileInputSchema = z.strictObject({
  name: profileNameSchema,
  vendor: vendorSchema,
  preset: z.enum(['scim']).optional(),
  connection: connectionInputSchema,
  processes: processSettingsSchema.optional(),
});
export type CreateProfileInput = z.infer<typeof createProfileInputSchema>;

export const updateProfileInputSchema = z.strictObject({
  profileId: idSchema,
  name: profileNameSchema.optional(),
  connection: connectionInputSchema.partial().optional(),
  processes: processSettingsSchema.optional(),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInputSchema>;

export const secretKindSchema = z.enum(['token', 'clientSecret', 'apiKey']);
export const setSecretInputSchema = z.strictObject({
  profileId: idSchema,
  /** Omit for the profile's own connection; an extra org's alias id otherwise. */
  aliasId: idSchema.optional(),
  kind: secretKindSchema,
  value: z.string().min(1).max(20_000),
});

export const validationResultSchema = z.object({
  connectedAs: z.string().optional(),
  results: z.array(z.object({ process: processSchema, ok: z.boolean(), message: z.string() })),
});

export const profileMethods = {
  'profiles:list': method(z.strictObject({}), z.array(profileSummarySchema)),
  'profiles:get': method(profileRef, profileDetailSchema),
  'profiles:create': method(createProfileInputSchema, profileDetailSchema),
  'profiles:update': method(updateProfileInputSchema, profileDetailSchema),
  'profiles:remove': method(profileRef, okOutput),
  'profiles:publish': method(profileRef, profileDetailSchema),
  'connection:setSecret': method(setSecretInputSchema, okOutput),
  'connection:validate': method(profileRef, validationResultSchema),
};

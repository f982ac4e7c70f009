/**
 * The software catalog of a profile: its software models (the license types the connector
 * recognises) and the unrecognized subscription identifiers, which the admin maps onto a
 * model or excludes.
 */
import { z } from 'zod';
import { idSchema } from './common.js';
import { method } from './method.js';

export const softwareModelSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  publisher: z.string(),
  product: z.string(),
  licenseType: z.string(),
  paid: z.boolean(),
  /** Active seats of this license type in the profile's last download. */
  seats: z.number().int(),
  /** The model's own reclamation rule; free models have none. */
  ruleId: z.string().optional(),
  ruleName: z.string().optional(),
  /** Unrecognized license types mapped onto this model. */
  mappedIdentifiers: z.array(z.string()),
  createdAt: z.string(),
});
export type SoftwareModelView = z.infer<typeof softwareModelSchema>;

export const identifierResolutionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mapped'), modelId: idSchema, modelLabel: z.string() }),
  z.object({ kind: z.literal('excluded'), reason: z.string() }),
]);
export type IdentifierResolutionView = z.infer<typeof identifierResolutionSchema>;

export const unrecognizedIdentifierSchema = z.object({
  profileId: idSchema,
  licenseType: z.string(),
  /** Active seats of this license type in the profile's last download. */
  seats: z.number().int(),
  firstSeenAt: z.string(),
  resolution: identifierResolutionSchema.nullable(),
});
export type UnrecognizedIdentifierView = z.infer<typeof unrecognizedIdentifierSchema>;

export const resolutionInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mapped'), modelId: idSchema }),
  z.strictObject({ kind: z.literal('excluded'), reason: z.string().trim().min(1, 'Give a reason for the exclusion.').max(500) }),
  z.strictObject({ kind: z.literal('none') }),
]);
export type ResolutionInput = z.infer<typeof resolutionInputSchema>;

export const catalogMethods = {
  'models:list': method(z.strictObject({ profileId: idSchema }), z.array(softwareModelSchema)),
  'unrecognized:list': method(z.strictObject({ profileId: idSchema.optional() }), z.array(unrecognizedIdentifierSchema)),
  /** Maps an identifier onto a model, excludes it, or (`none`) undoes either. */
  'unrecognized:resolve': method(
    z.strictObject({ profileId: idSchema, licenseType: z.string().min(1).max(200), resolution: resolutionInputSchema }),
    unrecognizedIdentifierSchema,
  ),
};

/**
 * Connecting a profile's aliases: the loopback sign-in or client credentials, disconnect,
 * the redirect URI to register, and extra orgs of the same vendor. Tokens never cross this
 * contract: only "connected as X, expires at Y" (in the ProfileDetail).
 */
import { z } from 'zod';
import { idSchema, profileRef } from './common.js';
import { method } from './method.js';
import { connectionInputSchema, profileDetailSchema } from './profiles.js';

export const authorizeInputSchema = z.strictObject({
  profileId: idSchema,
  /** Omit for the profile's own connection; an extra org's alias id otherwise. */
  aliasId: idSchema.optional(),
  /** The client secret of a confidential client, stored in the keychain only when the attempt succeeds. */
  clientSecret: z.string().min(1).max(20_000).optional(),
});
export type AuthorizeInput = z.infer<typeof authorizeInputSchema>;

export const disconnectInputSchema = z.strictObject({
  profileId: idSchema,
  aliasId: idSchema.optional(),
});

export const disconnectResultSchema = z.object({
  /** One line per revocation the vendor refused; the local secrets were removed regardless. */
  revokeErrors: z.array(z.string()),
});
export type DisconnectResultView = z.infer<typeof disconnectResultSchema>;

export const redirectUriSchema = z.object({
  /** `http://127.0.0.1:<port>/callback` when pinned; `http://127.0.0.1/callback` otherwise. */
  redirectUri: z.string(),
  /** True when the profile pins the loopback port and the vendor needs this exact URI. */
  pinned: z.boolean(),
  note: z.string(),
});
export type RedirectUriView = z.infer<typeof redirectUriSchema>;

export const addOrgInputSchema = z.strictObject({
  profileId: idSchema,
  label: z.string().trim().min(1, 'Label is required').max(120),
  connection: connectionInputSchema,
});
export type AddOrgInput = z.infer<typeof addOrgInputSchema>;

export const removeOrgInputSchema = z.strictObject({
  profileId: idSchema,
  aliasId: idSchema,
});

export const connectionMethods = {
  'connection:authorize': method(authorizeInputSchema, profileDetailSchema),
  'connection:disconnect': method(disconnectInputSchema, disconnectResultSchema),
  'connection:redirectUri': method(profileRef, redirectUriSchema),
  'connection:addOrg': method(addOrgInputSchema, profileDetailSchema),
  'connection:removeOrg': method(removeOrgInputSchema, profileDetailSchema),
};

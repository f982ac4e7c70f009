import { z } from 'zod';
import { emptyInput, grantTypeSchema, processSchema, vendorSchema } from './common.js';
import { method } from './method.js';
import { connectionOptionSpecSchema } from './connection-options.js';

export const vendorDescriptorSchema = z.object({
  vendor: vendorSchema,
  /** Picker entries: "SCIM 2.0 app" is the custom vendor with the scim preset. */
  preset: z.string().optional(),
  displayName: z.string(),
  publisher: z.string(),
  product: z.string(),
  authMethods: z.array(grantTypeSchema),
  defaults: z.object({
    baseUrl: z.string(),
    authorizeUrl: z.string().optional(),
    tokenUrl: z.string().optional(),
    revokeUrl: z.string().optional(),
    scopes: z.array(z.string()).optional(),
  }),
  permissions: z.array(z.object({ process: processSchema, permission: z.string(), why: z.string() })),
  registerApp: z.object({
    title: z.string(),
    intro: z.string(),
    checklist: z.array(z.string()),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
    needsRedirectUri: z.boolean(),
  }),
  connectionUrlHelp: z.string(),
  /** Options beyond the URL and the credential, asked for on the connection step. */
  connectionOptions: z.array(connectionOptionSpecSchema).optional(),
  activitySupported: z.boolean(),
  reclaimSupported: z.boolean(),
  undoSupported: z.boolean(),
});
export type VendorDescriptorDto = z.infer<typeof vendorDescriptorSchema>;

export const vendorMethods = {
  'vendors:list': method(emptyInput, z.array(vendorDescriptorSchema)),
};

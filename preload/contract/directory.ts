/**
 * The directory: who works here, merged by email across identity provider profiles (Okta,
 * Entra ID) and HR rosters. Leavers in it make candidates on every profile; a seat whose email
 * no source knows is an orphan.
 */
import { z } from 'zod';
import { idSchema, okOutput } from './common.js';
import { method } from './method.js';
import { profileDetailSchema } from './profiles.js';

export const directoryStatusSchema = z.enum(['active', 'suspended', 'deprovisioned']);
export type DirectoryStatusView = z.infer<typeof directoryStatusSchema>;

export const directoryPersonSchema = z.object({
  email: z.string(),
  name: z.string(),
  status: directoryStatusSchema,
  lastLoginAt: z.string().optional(),
  /** The source whose word sets the status. */
  source: z.string(),
  /** Every source that lists the person. */
  sources: z.array(z.string()),
  /** An HR roster's last day of employment. */
  endDate: z.string().optional(),
  /** For a suspended or deprovisioned person: since when (the source's date, or when it was read). */
  leftAt: z.string().optional(),
});
export type DirectoryPersonView = z.infer<typeof directoryPersonSchema>;

export const directorySourceSchema = z.object({
  id: idSchema,
  kind: z.enum(['idp', 'roster']),
  name: z.string(),
  vendorName: z.string(),
  profileId: idSchema.optional(),
  readAt: z.string(),
  people: z.number().int(),
});
export type DirectorySourceView = z.infer<typeof directorySourceSchema>;

export const directoryQuerySchema = z.strictObject({
  search: z.string().max(200).optional(),
  status: directoryStatusSchema.optional(),
  /** A source's name: only the people it lists. */
  source: z.string().max(200).optional(),
});

export const directoryAppSchema = z.object({ id: z.string(), label: z.string() });

export const directoryMethods = {
  /** The apps an identity provider profile signs people in to, read from it now. */
  'directory:apps': method(z.strictObject({ idpProfileId: idSchema }), z.array(directoryAppSchema)),
  /** SSO sign-ins to one identity provider app become activity for a profile's seats, by email. */
  'profiles:link': method(z.strictObject({ profileId: idSchema, idpProfileId: idSchema, appId: z.string().min(1).max(200) }), profileDetailSchema),
  'profiles:unlink': method(z.strictObject({ profileId: idSchema }), profileDetailSchema),
  'directory:list': method(directoryQuerySchema, z.object({ people: z.array(directoryPersonSchema), sources: z.array(directorySourceSchema) })),
  /** Loads (or replaces) an HR roster: the CSV's text, all of it or nothing. */
  'directory:import': method(
    z.strictObject({ name: z.string().trim().min(1).max(100), fileName: z.string().max(500), content: z.string().max(10 * 1024 * 1024) }),
    directorySourceSchema,
  ),
  'directory:removeSource': method(z.strictObject({ sourceId: idSchema }), okOutput),
};

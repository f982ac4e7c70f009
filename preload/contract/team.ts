import { z } from 'zod';
import { emptyInput } from './common.js';
import { method } from './method.js';
import { ASSIGNABLE_ROLES } from './roles.js';

/** An email or the provider's subject: one line, no control characters, compared case-insensitively. */
const personSchema = z
  .string()
  .trim()
  .min(1, 'Give the email (or the provider subject) the person signs in with.')
  .max(254)
  .regex(/^[^\s\p{Cc}]+$/u, 'A person is one email or subject, with no spaces or line breaks.')
  .transform((value) => value.toLowerCase());

export const roleAssignmentSchema = z.object({
  person: z.string(),
  roles: z.array(z.enum(ASSIGNABLE_ROLES)),
  assignedBy: z.string(),
  assignedAt: z.string(),
});
export type RoleAssignmentView = z.infer<typeof roleAssignmentSchema>;

export const roleSetInputSchema = z.strictObject({
  person: personSchema,
  /** The person's roles from now on, beside their ID token's; none takes every given role away. */
  roles: z.array(z.enum(ASSIGNABLE_ROLES)).max(ASSIGNABLE_ROLES.length),
});

export const teamMethods = {
  /** Roles given in Settings, by person. */
  'roles:list': method(emptyInput, z.array(roleAssignmentSchema)),
  /** Sets one person's given roles (applies to their next call); returns the list as saved. */
  'roles:set': method(roleSetInputSchema, z.array(roleAssignmentSchema)),
};

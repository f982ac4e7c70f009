/**
 * The slice of Asana's REST API the connector reads, validated at the boundary: a JSON page
 * of the wrong shape becomes a clear 'malformed' error instead of a seat with no id.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';

export const nextPageSchema = z
  .object({ offset: z.string().min(1), path: z.string().optional(), uri: z.string().optional() })
  .nullable()
  .optional();

const compactUser = z.object({ gid: z.string().min(1), name: z.string().optional(), email: z.string().nullable().optional() });

export const userSchema = z.object({
  gid: z.string().min(1),
  name: z.string().optional(),
  email: z.string().nullable().optional(),
  workspaces: z.array(z.object({ gid: z.string(), name: z.string().optional() })).optional(),
});
export type AsanaUser = z.infer<typeof userSchema>;

export const workspaceSchema = z.object({ gid: z.string().min(1), name: z.string().optional() });
export type AsanaWorkspace = z.infer<typeof workspaceSchema>;

export const membershipSchema = z.object({
  gid: z.string().min(1),
  user: compactUser,
  is_active: z.boolean().optional(),
  is_admin: z.boolean().optional(),
  is_guest: z.boolean().optional(),
  is_view_only: z.boolean().optional(),
  created_at: z.string().optional(),
});
export type AsanaMembership = z.infer<typeof membershipSchema>;

/** Asana keeps audit log events for 90 days. */
export const AUDIT_RETENTION_DAYS = 90;
/** An admin paused a member's license: "they no longer count towards paid seats" (Asana). */
export const BILLING_PAUSED = 'domain_user_billing_paused';
/** The reverse: "counts towards paid seats again". */
export const BILLING_UNPAUSED = 'domain_user_billing_unpaused';

export const auditEventSchema = z.object({
  gid: z.string(),
  created_at: z.string(),
  event_type: z.string().optional(),
  actor: z
    .object({ actor_type: z.string().optional(), gid: z.string().optional(), email: z.string().nullable().optional() })
    .optional(),
  // Billing events name the member in `resource` (the actor is the admin who paused them).
  resource: z
    .object({ resource_type: z.string().optional(), gid: z.string().optional(), email: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
export type AsanaAuditEvent = z.infer<typeof auditEventSchema>;

export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_page: nextPageSchema });
}

export const dataSchema = <T extends z.ZodType>(item: T) => z.object({ data: item });

/** Checks a response body against its schema; names the request in the error, never the data. */
export function parseAsana<T extends z.ZodType>(schema: T, body: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ConnectorError('malformed', `Asana returned an unexpected response (${label}): ${where} is missing or of the wrong type.`);
  }
  return result.data;
}

/** Asana's error body: {"errors": [{"message", "help", "phrase"}]}. */
export function asanaErrorMessage(body: unknown): string | undefined {
  const parsed = z.object({ errors: z.array(z.object({ message: z.string() })).min(1) }).safeParse(body);
  return parsed.success ? parsed.data.errors.map((e) => e.message).join('; ') : undefined;
}

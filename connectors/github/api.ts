/**
 * The slice of GitHub's REST API the connector reads (Copilot user management, the user and
 * the organization), validated at the boundary: an answer of the wrong shape becomes a clear
 * 'malformed' error instead of a seat with no login.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';

/** GET /orgs/{org}/copilot/billing/seats answers at most 100 seats a page ("per_page (max 100)"). */
export const GITHUB_MAX_PAGE_SIZE = 100;

const optionalText = z.string().nullable().optional();

/** nullable-simple-user: only what Seatwise reads; GitHub sends many URLs besides. */
export const assigneeSchema = z.object({
  login: z.string().min(1),
  id: z.number().int().nonnegative(),
  type: z.string().optional(),
  name: optionalText,
  email: optionalText,
});

/** `team` or `enterprise-team`: both carry a name and a slug. */
export const assigningTeamSchema = z.object({
  id: z.number().int().optional(),
  name: z.string().optional(),
  slug: z.string().optional(),
  html_url: z.string().optional(),
});

export const seatSchema = z.object({
  assignee: assigneeSchema.nullable().optional(),
  assigning_team: assigningTeamSchema.nullable().optional(),
  pending_cancellation_date: optionalText,
  last_activity_at: optionalText,
  last_activity_editor: optionalText,
  last_authenticated_at: optionalText,
  created_at: z.string().min(1),
  plan_type: z.string().nullable().optional(),
});
export type GithubSeat = z.infer<typeof seatSchema>;

export const seatsPageSchema = z.object({
  total_seats: z.number().int().nonnegative().optional(),
  seats: z.array(seatSchema),
});

const count = z.number().int().nonnegative();

export const orgDetailsSchema = z.object({
  seat_breakdown: z.object({
    total: count,
    added_this_cycle: count.optional(),
    pending_cancellation: count.optional(),
    pending_invitation: count.optional(),
    active_this_cycle: count.optional(),
    inactive_this_cycle: count.optional(),
  }),
  seat_management_setting: z.string(),
  plan_type: z.string().nullable().optional(),
});
export type GithubOrgDetails = z.infer<typeof orgDetailsSchema>;

export const userSchema = z.object({ login: z.string().min(1), id: z.number().int().nonnegative(), name: optionalText, email: optionalText });
export const orgSchema = z.object({ login: z.string().min(1), id: z.number().int().nonnegative(), name: optionalText });

export const seatsCancelledSchema = z.object({ seats_cancelled: count });
export const seatsCreatedSchema = z.object({ seats_created: count });

/** basic-error and validation-error: {"message", "documentation_url", "status", "errors": [...]}. */
const errorBodySchema = z.object({
  message: z.string(),
  errors: z.array(z.union([z.string(), z.object({ message: z.string().optional(), code: z.string().optional(), field: z.string().optional() })])).optional(),
});

/** Checks a response body against its schema; names the request in the error, never the data. */
export function parseGithub<T extends z.ZodType>(schema: T, body: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ConnectorError('malformed', `GitHub returned an unexpected response (${label}): ${where} is missing or of the wrong type.`);
  }
  return result.data;
}

/** A vendor's message is quoted in errors and logs: a hostile one must not flood them. */
const MAX_MESSAGE = 300;

/** GitHub's own words: the message, then what each validation error says. */
export function githubErrorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const details = (parsed.data.errors ?? [])
    .map((e) => (typeof e === 'string' ? e : (e.message ?? [e.field, e.code].filter(Boolean).join(' '))))
    .filter((m) => m.trim() !== '');
  const text = [parsed.data.message.trim(), ...details].filter(Boolean).join(': ');
  if (!text) return undefined;
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/** An ISO 8601 instant, or undefined when GitHub sends none; a date that does not parse is a vendor fault. */
export function githubInstant(value: string | null | undefined, field: string, label: string): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ConnectorError('malformed', `GitHub returned a ${field} that is not a date (${label}).`);
  return new Date(ms).toISOString();
}

/** pending_cancellation_date is a day, YYYY-MM-DD. */
export function githubDay(value: string | null | undefined, field: string, label: string): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const day = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new ConnectorError('malformed', `GitHub returned a ${field} that is not a day (${label}).`);
  }
  return day;
}

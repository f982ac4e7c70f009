/**
 * The slice of Calendly's API v2 the connector reads, validated at the boundary: a JSON page
 * of the wrong shape becomes a clear 'malformed' error instead of a seat with no id.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';

export const CALENDLY_API_ORIGIN = 'https://api.calendly.com';

/** Calendly's `pagination` object; only the next-page fields matter for listing forwards. */
export const paginationSchema = z.object({
  next_page: z.string().nullable().optional(),
  next_page_token: z.string().nullable().optional(),
});

/** A timestamp Seatwise can compare: an unparseable date is a malformed page, not a silent NaN. */
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');

export const userSchema = z.object({
  uri: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  current_organization: z.string().optional(),
});
export type CalendlyUser = z.infer<typeof userSchema>;

export const membershipSchema = z.object({
  uri: z.string().min(1),
  // Kept a string, not an enum: a role Calendly adds later becomes an unrecognized license
  // type the admin maps, instead of failing the whole download.
  role: z.string().min(1),
  user: z.object({ uri: z.string().min(1), name: z.string().optional(), email: z.string().optional() }),
  organization: z.string().optional(),
  created_at: z.string().optional(),
});
export type CalendlyMembership = z.infer<typeof membershipSchema>;

export const activityEntrySchema = z.object({
  occurred_at: timestamp,
  actor: z
    .object({
      uri: z.string().optional(),
      type: z.string().optional(),
      alternative_identifier: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type CalendlyActivityEntry = z.infer<typeof activityEntrySchema>;

export const scheduledEventSchema = z.object({ uri: z.string().optional(), start_time: timestamp });

export function collectionSchema<T extends z.ZodType>(item: T) {
  return z.object({ collection: z.array(item), pagination: paginationSchema });
}

export const resourceSchema = <T extends z.ZodType>(item: T) => z.object({ resource: item });

/** Checks a response body against its schema; names the request in the error, never the data. */
export function parseCalendly<T extends z.ZodType>(schema: T, body: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ConnectorError('malformed', `Calendly returned an unexpected response (${label}): ${where} is missing or of the wrong type.`);
  }
  return result.data;
}

const apiError = z.object({
  title: z.string().optional(),
  message: z.string().min(1),
  details: z.array(z.object({ parameter: z.string().optional(), message: z.string() })).optional(),
});
const oauthError = z.object({ error: z.string().min(1), error_description: z.string().optional() });

/**
 * Calendly's API errors `{"title","message","details":[{"parameter","message"}]}` and its
 * OAuth errors `{"error","error_description"}`, as one line for the administrator.
 */
export function calendlyErrorMessage(body: unknown): string | undefined {
  const api = apiError.safeParse(body);
  if (api.success) {
    const details = (api.data.details ?? []).map((d) => (d.parameter ? `${d.parameter}: ${d.message}` : d.message));
    return details.length ? `${api.data.message} (${details.join('; ')})` : api.data.message;
  }
  const oauth = oauthError.safeParse(body);
  if (oauth.success) return oauth.data.error_description ? `${oauth.data.error_description} (${oauth.data.error})` : oauth.data.error;
  return undefined;
}

/** The last path segment of a Calendly URI: ".../organization_memberships/AAAA" -> "AAAA". */
export function uuidOf(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  let path: string;
  try {
    path = new URL(uri).pathname;
  } catch {
    path = uri;
  }
  const last = path.split('/').filter(Boolean).pop();
  return last && /^[A-Za-z0-9_-]+$/.test(last) ? last : undefined;
}

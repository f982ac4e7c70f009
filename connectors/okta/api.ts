/**
 * The slice of Okta's management API the connector reads, validated at the boundary: a page
 * of the wrong shape becomes a clear 'malformed' error instead of a person with no id.
 *
 * Okta's OpenAPI document types several System Log fields (outcome.reason, client.id,
 * authenticationContext.*, actor.detailEntry, target[].detailEntry) without `nullable`, while
 * its own ListLogs example shows `null` in each of them: every optional field here accepts null.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';

/** Okta's error codes the connector reads (Okta, "Error codes"). */
export const OKTA_ERROR = {
  /** 401 "Invalid token provided": unknown, revoked or expired API token. */
  invalidToken: 'E0000011',
  /** 403 "You do not have permission to perform the requested action". */
  accessDenied: 'E0000006',
  /** 429 "API call exceeded rate limit due to too many requests." */
  rateLimited: 'E0000047',
  /** 400 "Api validation failed: {0}". */
  validation: 'E0000001',
} as const;

/** GET /api/v1/users and /api/v1/apps answer at most 200 a page. */
export const OKTA_USERS_PAGE_MAX = 200;
export const OKTA_APPS_PAGE_MAX = 200;
/** GET /api/v1/apps/{appId}/users: limit 1..500. */
export const OKTA_APP_USERS_PAGE_MAX = 500;
/** GET /api/v1/logs: limit 0..1000. */
export const OKTA_LOGS_PAGE_MAX = 1000;

/** Every status of Okta's UserStatus enum. */
export const OKTA_USER_STATUSES = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'LOCKED_OUT',
  'PASSWORD_EXPIRED',
  'SUSPENDED',
  'DEPROVISIONED',
] as const;
export type OktaUserStatus = (typeof OKTA_USER_STATUSES)[number];

const nullableString = z.string().nullable().optional();

export const userSchema = z.object({
  id: z.string().min(1),
  // Not an enum: a status Okta adds later must not fail the whole download.
  status: z.string().min(1),
  created: nullableString,
  activated: nullableString,
  statusChanged: nullableString,
  lastLogin: nullableString,
  lastUpdated: nullableString,
  profile: z
    .object({
      login: nullableString,
      email: nullableString,
      firstName: nullableString,
      lastName: nullableString,
      displayName: nullableString,
    })
    .nullable()
    .optional(),
});
export type OktaUser = z.infer<typeof userSchema>;

export const appSchema = z.object({
  id: z.string().min(1),
  name: nullableString,
  label: nullableString,
  status: nullableString,
  signOnMode: nullableString,
});
export type OktaApp = z.infer<typeof appSchema>;

/** An assignment (GET /api/v1/apps/{appId}/users): `id` is the Okta user's id. */
export const appUserSchema = z.object({
  id: z.string().min(1),
  status: nullableString,
  scope: nullableString,
  credentials: z.object({ userName: nullableString }).nullable().optional(),
  profile: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type OktaAppUser = z.infer<typeof appUserSchema>;

const logEntity = z.object({
  id: nullableString,
  type: nullableString,
  alternateId: nullableString,
  displayName: nullableString,
});

export const logEventSchema = z.object({
  uuid: nullableString,
  published: z.string().min(1),
  eventType: nullableString,
  actor: logEntity.nullable().optional(),
  target: z.array(logEntity).nullable().optional(),
  outcome: z.object({ result: nullableString, reason: nullableString }).nullable().optional(),
});
export type OktaLogEvent = z.infer<typeof logEventSchema>;

export const errorBodySchema = z.object({
  errorCode: z.string().optional(),
  errorSummary: z.string().optional(),
  errorCauses: z.array(z.object({ errorSummary: z.string().optional() })).nullable().optional(),
});

/** Checks a response body against its schema; names the request in the error, never the data. */
export function parseOkta<T extends z.ZodType>(schema: T, body: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ConnectorError('malformed', `Okta returned an unexpected response (${label}): ${where} is missing or of the wrong type.`);
  }
  return result.data;
}

/** A vendor's message is quoted in errors and logs: a hostile one must not flood them. */
const MAX_MESSAGE = 300;

/**
 * Okta's own words and code, e.g. "Invalid token provided (Okta E0000011)", with the first
 * errorCauses entry when it says more (a validation failure names the parameter there).
 */
export function oktaErrorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const summary = parsed.data.errorSummary?.trim();
  if (!summary) return undefined;
  const cause = parsed.data.errorCauses?.find((c) => c.errorSummary?.trim())?.errorSummary?.trim();
  const text = cause && cause !== summary ? `${summary}: ${cause}` : summary;
  const message = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  return parsed.data.errorCode ? `${message} (Okta ${parsed.data.errorCode})` : message;
}

export function oktaErrorCode(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.errorCode : undefined;
}

/**
 * A query string encoded the way Okta documents it (`%20` for spaces, `%22` for quotes), so
 * filter expressions reach Okta exactly as written in its examples.
 */
export function oktaPath(path: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}

/** `attr eq "value"` with the value's quotes and backslashes escaped, as Okta's filter syntax needs. */
export function eq(attribute: string, value: string): string {
  return `${attribute} eq "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

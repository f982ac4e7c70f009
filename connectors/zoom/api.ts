/**
 * The slice of Zoom's REST API the connector reads, validated at the boundary: a page of the
 * wrong shape becomes a clear 'malformed' error instead of a seat with no id.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';

/** Zoom's API error body: {"code": 124, "message": "Invalid access token."}. */
export const ZOOM_ERROR = {
  /** Invalid or expired access token (401). */
  invalidToken: 124,
  /** "Invalid access token, does not contain scopes:[...]" (400; some endpoints 401). */
  missingScope: 4711,
  /** "User does not exist: {userId}." */
  userNotFound: 1001,
  /** "The next page token is invalid or expired." */
  invalidField: 300,
} as const;

/** GET /users answers at most 300 users a page (Zoom's "light data retrieval" limit). */
export const ZOOM_MAX_PAGE_SIZE = 300;

export const errorBodySchema = z.object({ code: z.number().optional(), message: z.string().optional() });

export const userSchema = z.object({
  id: z.string().min(1),
  email: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  display_name: z.string().nullable().optional(),
  type: z.number().int(),
  status: z.string().optional(),
  role_id: z.union([z.string(), z.number()]).optional(),
  created_at: z.string().nullable().optional(),
  user_created_at: z.string().nullable().optional(),
  last_login_time: z.string().nullable().optional(),
  account_id: z.string().optional(),
});
export type ZoomUser = z.infer<typeof userSchema>;

/** `next_page_token` is "" (or absent) on the last page. */
export const userPageSchema = z.object({
  next_page_token: z.string().nullable().optional(),
  page_size: z.number().optional(),
  total_records: z.number().optional(),
  users: z.array(userSchema),
});

/** GET /accounts/me/plans/usage: `hosts` licenses in the base plan, `usage` of them assigned. */
export const planUsageSchema = z.object({
  plan_base: z
    .object({
      type: z.string().optional(),
      hosts: z.number().int().nonnegative(),
      usage: z.number().int().nonnegative(),
      pending: z.number().optional(),
    })
    .optional(),
});

/** Checks a response body against its schema; names the request in the error, never the data. */
export function parseZoom<T extends z.ZodType>(schema: T, body: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ConnectorError('malformed', `Zoom returned an unexpected response (${label}): ${where} is missing or of the wrong type.`);
  }
  return result.data;
}

/** A vendor's message is quoted in errors and logs: a hostile one must not flood them. */
const MAX_MESSAGE = 300;

/** Zoom's own words and code, e.g. "Invalid access token. (Zoom error 124)". */
export function zoomErrorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success || !parsed.data.message?.trim()) return undefined;
  const { code } = parsed.data;
  const text = parsed.data.message.trim();
  const message = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  return code === undefined ? message : `${message} (Zoom error ${code})`;
}

export function zoomErrorCode(body: unknown): number | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.code : undefined;
}

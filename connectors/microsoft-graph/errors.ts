/**
 * Microsoft Graph's error body, {"error": {"code", "message", "innerError": {...}}}, and the
 * codes Seatwise acts on. A message is quoted in errors and logs, so it is cut short: a hostile
 * one must not flood them.
 */
import { z } from 'zod';

/** The Graph error codes the connectors read (Graph "Microsoft Graph error responses", and as observed). */
export const GRAPH_CODES = {
  /** 403 on signInActivity or auditLogs/signIns: "Neither tenant is B2C or tenant doesn't have premium license". */
  nonPremiumTenant: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
  /** 403: "Calling principal does not have required MSGraph permissions AuditLog.Read.All". */
  permissionMissing: 'Authentication_MSGraphPermissionMissing',
  /** 403: "Insufficient privileges to complete the operation." (an application permission is not granted). */
  requestDenied: 'Authorization_RequestDenied',
  /** 401: missing, malformed or expired access token. */
  invalidToken: 'InvalidAuthenticationToken',
  /** 404: "Resource '...' does not exist or one of its queried reference-property objects are not present." */
  notFound: 'Request_ResourceNotFound',
} as const;

const MAX_MESSAGE = 300;

const errorBodySchema = z.object({
  error: z.object({ code: z.string().optional(), message: z.string().optional() }),
});

/**
 * The reporting service behind signInActivity answers a page size it will not serve with
 * {"@odata.context": "...", "value": "Cannot query data for more than 120 users at a time."}
 * instead of the usual body, so a bare string `value` is read as the message too.
 */
const bareValueSchema = z.object({ value: z.string().min(1) });

export interface GraphError {
  code?: string;
  message?: string;
}

export function graphError(body: unknown): GraphError | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const code = parsed.data.error.code?.trim() || undefined;
    const message = clip(parsed.data.error.message);
    return code || message ? { code, message } : undefined;
  }
  const bare = bareValueSchema.safeParse(body);
  return bare.success ? { message: clip(bare.data.value) } : undefined;
}

export function graphErrorCode(body: unknown): string | undefined {
  return graphError(body)?.code;
}

/** Graph's own words and code, e.g. "Insufficient privileges to complete the operation. (Authorization_RequestDenied)". */
export function graphErrorMessage(body: unknown): string | undefined {
  const err = graphError(body);
  if (!err) return undefined;
  if (err.message && err.code) return `${err.message} (${err.code})`;
  return err.message ?? err.code;
}

function clip(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > MAX_MESSAGE ? `${trimmed.slice(0, MAX_MESSAGE)}…` : trimmed;
}

/**
 * Errors of sign-in, refresh and disconnect. Every message is written for the license
 * administrator and passes through `redact()`, so no token, authorization code, PKCE
 * verifier or client secret can reach a log line, a response or the renderer.
 */
import type { SafeToShow } from '../../connectors/http/errors.js';
import * as oauth from 'oauth4webapi';
import { AppError } from '../errors.js';
import { redact } from '../vault/redact.js';

export const AUTH_ERROR_CODES = [
  'state_mismatch',
  'access_denied',
  'authorization_failed',
  'timeout',
  'cancelled',
  'duplicate_callback',
  'loopback_unavailable',
  'browser',
  'token_exchange_failed',
  'refresh_failed',
  'needs_signin',
  'keychain',
  'config',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export class AuthError extends AppError implements SafeToShow {
  declare readonly code: AuthErrorCode;
  /** Messages are redacted at construction: the HTTP client may pass them on as they are. */
  readonly safeToShow = true as const;
  /** The vendor's side of the story (its `error` and `error_description`), redacted, when there is one. */
  readonly detail?: string;

  constructor(code: AuthErrorCode, message: string, retryable = false, detail?: string) {
    super(code, redact(message), retryable);
    if (detail !== undefined) this.detail = redact(detail);
  }
}

export const isAuthError = (error: unknown, code?: AuthErrorCode): error is AuthError =>
  error instanceof AuthError && (code === undefined || error.code === code);

/**
 * A short, secret-free description of what went wrong in an OAuth exchange: the vendor's
 * `error` and `error_description`, or the kind of failure. Never the request or response body.
 */
export function describeOAuthFailure(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) {
    // Zoom explains a refusal in `reason`, not in error_description.
    const reason = (error.cause as { reason?: unknown } | undefined)?.reason;
    const text = error.error_description ?? (typeof reason === 'string' ? reason.slice(0, 300) : undefined);
    const description = text ? `: ${text}` : '';
    return `the vendor answered HTTP ${error.status} ${error.error}${description}`;
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    const description = error.error_description ? `: ${error.error_description}` : '';
    return `the vendor answered ${error.error}${description}`;
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return `the vendor answered HTTP ${error.status} with an authentication challenge`;
  }
  if (error instanceof oauth.OperationProcessingError) {
    // oauth4webapi's messages are fixed text about the response shape, never its values.
    return `the vendor's answer was not a valid OAuth response (${error.message})`;
  }
  if (error instanceof oauth.UnsupportedOperationError) {
    return `the vendor's answer uses something Seatwise does not support (${error.message})`;
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return 'the vendor did not answer in time';
  }
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
    return `the vendor could not be reached${code}`;
  }
  return 'an unexpected error occurred';
}

/**
 * Whether the token endpoint itself rejected the grant (invalid_grant, invalid_client, ...):
 * then trying again will not help and the administrator has to sign in again. Network
 * failures and 5xx answers are not rejections: the next run may well succeed.
 */
export function isGrantRejected(error: unknown): boolean {
  if (error instanceof oauth.ResponseBodyError) return error.status >= 400 && error.status < 500;
  if (error instanceof oauth.WWWAuthenticateChallengeError) return error.status === 401;
  return false;
}

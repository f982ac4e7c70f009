/**
 * Zoom-specific settings for the shared HTTP client (main passes these to createHttpClient).
 * Zoom meters requests per second per account and per rate-limit category (Light, Medium,
 * Heavy), shared by every app of the account; the connector pages one listing at a time, so a
 * small bound only matters for reclaims running side by side.
 */
import type { HttpClientOptions } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { ZOOM_ERROR, zoomErrorCode, zoomErrorMessage } from './api.js';

/** Zoom's daily limits (free accounts, Heavy APIs) say so in the 429 message. */
const DAILY_LIMIT = /daily rate limit/i;

/**
 * Two Zoom answers no retry can fix, classified before the client's policy runs:
 * - 4711, a token without the scope the endpoint needs (400, sometimes 401): a new token from
 *   the same app carries the same scopes, so the client's refresh after a 401 would only
 *   repeat it. The admin adds the scope to the app.
 * - a 429 for a daily limit: the quota comes back at 00:00 UTC, far beyond any wait worth
 *   holding a sync open for; per-second 429s are left to the client's backoff.
 * Everything else (124 invalid or expired token included) takes the default path.
 */
function classify(status: number, body: unknown): ConnectorError | undefined {
  if (status < 400) return undefined;
  const vendorMessage = zoomErrorMessage(body);
  if (zoomErrorCode(body) === ZOOM_ERROR.missingScope) {
    return new ConnectorError(
      'forbidden',
      `Zoom refused the request: ${vendorMessage ?? 'the access token lacks a scope'}. Add the missing scope to the Server-to-Server OAuth app in the Zoom App Marketplace (the app's Scopes page), then validate the connection again.`,
      { status, vendorMessage },
    );
  }
  if (status === 429 && vendorMessage && DAILY_LIMIT.test(vendorMessage)) {
    return new ConnectorError(
      'limit_exceeded',
      `Zoom's daily API limit for this account is used up (${vendorMessage}); Seatwise stopped and will try again at the next scheduled run.`,
      { status, vendorMessage },
    );
  }
  return undefined;
}

export const ZOOM_MAX_PARALLEL = 5;

export const zoomHttpOptions: Pick<HttpClientOptions, 'errorMessage' | 'classify' | 'concurrency'> = {
  errorMessage: zoomErrorMessage,
  classify,
  concurrency: ZOOM_MAX_PARALLEL,
};

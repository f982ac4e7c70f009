/**
 * GitHub's rate limits as its documentation describes them ("Rate limits for the REST API",
 * "Exceeding the rate limit"): both the primary (hourly) and the secondary limits answer 403
 * or 429. A 429 is the HTTP client's (it honours Retry-After and X-RateLimit-Reset); a 403 that
 * is a rate limit is recognised here, because to the client a 403 is a refusal:
 * - primary: x-ratelimit-remaining is 0; wait until x-ratelimit-reset (UTC epoch seconds);
 * - secondary: the message says so; wait retry-after seconds when sent, else until the reset
 *   when remaining is 0, else at least a minute, growing exponentially while it keeps failing.
 */
import { githubErrorMessage } from './api.js';

/** "Otherwise, wait for at least one minute before retrying." */
export const SECONDARY_DEFAULT_WAIT_MS = 60_000;

export interface RateLimitHit {
  kind: 'primary' | 'secondary';
  /** How long GitHub asks to wait from now, in ms. */
  waitMs: number;
  /** When the hourly window resets, when GitHub says (ms since epoch). */
  resetAtMs?: number;
  message?: string;
}

const SECONDARY = /secondary rate limit|abuse detection/i;
const PRIMARY = /rate limit exceeded/i;

function num(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name)?.trim();
  return raw && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
}

/** The instant x-ratelimit-reset names, in ms. */
export function resetAtMs(headers: Headers): number | undefined {
  const reset = num(headers, 'x-ratelimit-reset');
  return reset === undefined ? undefined : reset * 1000;
}

/** True when the answer says the hourly allowance is used up (x-ratelimit-remaining: 0). */
export function exhausted(headers: Headers): boolean {
  return num(headers, 'x-ratelimit-remaining') === 0;
}

/**
 * Whether a 403 is one of GitHub's rate limits, and how long to wait. `failures` counts the
 * rate-limit answers this request already had (for the exponential wait without headers).
 */
export function rateLimitHit(headers: Headers, body: unknown, nowMs: number, failures: number): RateLimitHit | undefined {
  const message = githubErrorMessage(body);
  const retryAfter = num(headers, 'retry-after');
  const resetAt = resetAtMs(headers);
  const secondary = message !== undefined && SECONDARY.test(message);
  const primary = exhausted(headers) || (message !== undefined && PRIMARY.test(message) && !secondary);
  if (!secondary && !primary && retryAfter === undefined) return undefined;
  const kind = secondary || !exhausted(headers) ? 'secondary' : 'primary';
  let waitMs: number;
  if (retryAfter !== undefined) waitMs = Math.round(retryAfter * 1000);
  else if (exhausted(headers) && resetAt !== undefined) waitMs = Math.max(0, resetAt - nowMs);
  else waitMs = SECONDARY_DEFAULT_WAIT_MS * 2 ** Math.max(0, failures);
  return { kind, waitMs, ...(resetAt !== undefined ? { resetAtMs: resetAt } : {}), ...(message ? { message } : {}) };
}

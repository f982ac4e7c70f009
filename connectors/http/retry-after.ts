/**
 * How long a vendor asks us to wait, read from Retry-After (RFC 9110: delay-seconds or an
 * HTTP-date) or X-RateLimit-Reset (Calendly and others: seconds until the window resets;
 * some vendors send an epoch timestamp instead, which we also accept).
 */

/** Values above this are epoch seconds, not a delay: no vendor asks for a 30-year wait. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

export function retryAfterMs(headers: Headers, nowMs: number = Date.now(), options: { rateLimitReset?: boolean } = {}): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    const fromRetryAfter = parseRetryAfter(retryAfter, nowMs);
    if (fromRetryAfter !== undefined) return fromRetryAfter;
  }
  // X-RateLimit-Reset describes the rate window, not a server error: it only counts on a 429.
  if (options.rateLimitReset === false) return undefined;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    if (value >= EPOCH_SECONDS_THRESHOLD) return Math.max(0, value * 1000 - nowMs);
    return Math.round(value * 1000);
  }
  return undefined;
}

function parseRetryAfter(value: string, nowMs: number): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

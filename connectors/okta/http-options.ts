/**
 * Okta-specific settings for the shared HTTP client (main passes these to createHttpClient).
 * Okta limits concurrent requests per org (75 for API traffic on most orgs, less on some),
 * shared with every other integration of the org; the connector pages one listing at a time,
 * so a small bound only matters when several apps' sign-ins are read side by side.
 *
 * Okta answers a rate limit with 429, E0000047, and X-Rate-Limit-Reset (the window's end in
 * epoch seconds); it sends no Retry-After. Nothing here can point the client at that header
 * (it reads Retry-After and X-RateLimit-Reset), so today a 429 from Okta waits out the client's
 * exponential backoff, which still reaches the next window.
 */
import type { VendorHttpOptions } from '../registry.js';
import { oktaErrorMessage } from './api.js';

export const OKTA_MAX_PARALLEL = 5;

export const oktaHttpOptions: VendorHttpOptions = {
  errorMessage: oktaErrorMessage,
  concurrency: OKTA_MAX_PARALLEL,
};

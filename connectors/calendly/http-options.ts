/**
 * Calendly-specific settings for the shared HTTP client (main passes these to createHttpClient).
 * Calendly meters requests per minute (500 paid, 50 free), not concurrency; the bound here is
 * what lets the per-user scheduled-events fallback run in parallel, and the fallback itself
 * slows down as X-RateLimit-Remaining runs out (see parallel.ts).
 */
import type { HttpClientOptions } from '../http/client.js';
import { calendlyErrorMessage } from './api.js';

export const CALENDLY_MAX_PARALLEL = 10;

export const calendlyHttpOptions: Pick<HttpClientOptions, 'errorMessage' | 'concurrency'> = {
  errorMessage: calendlyErrorMessage,
  concurrency: CALENDLY_MAX_PARALLEL,
};

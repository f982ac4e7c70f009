/**
 * Asana-specific settings for the shared HTTP client (main passes these to createHttpClient).
 * Asana allows 50 concurrent reads per token; the connector pages sequentially, so a small
 * bound only matters for probes and reclaims running side by side.
 */
import type { HttpClientOptions } from '../http/client.js';
import { asanaErrorMessage } from './api.js';

export const asanaHttpOptions: Pick<HttpClientOptions, 'errorMessage' | 'concurrency'> = {
  errorMessage: asanaErrorMessage,
  concurrency: 10,
};

/**
 * Microsoft Graph settings for the shared HTTP client, used by Microsoft 365 and Entra ID alike.
 * Graph throttles per app and tenant and says how long to wait in Retry-After, on 429 and on
 * 503 (Graph throttling guidance); the client honours both. Its error body names a code next to
 * the message, and the code is what an admin searches for, so both are kept.
 */
import type { HttpClientOptions } from '../http/client.js';
import { graphErrorMessage } from './errors.js';

/**
 * Graph publishes no concurrency allowance for directory reads; the connectors page one listing
 * at a time, so this only bounds reclaims and probes running side by side.
 */
export const GRAPH_MAX_PARALLEL = 4;

export const graphHttpOptions: Pick<HttpClientOptions, 'errorMessage' | 'concurrency'> = {
  errorMessage: graphErrorMessage,
  concurrency: GRAPH_MAX_PARALLEL,
};

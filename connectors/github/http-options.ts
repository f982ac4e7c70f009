/**
 * GitHub-specific settings for the shared HTTP client (main passes these to createHttpClient).
 * GitHub's secondary limits allow no more than 100 concurrent requests and meter points per
 * minute; the connector pages one listing at a time, so a small bound only matters for
 * reclaims and probes running side by side. GitHub's rate limits that arrive as a 403 are
 * handled in request.ts, which sees the headers the client's classify hook does not.
 */
import type { HttpClientOptions } from '../http/client.js';
import { githubErrorMessage } from './api.js';

export const GITHUB_MAX_PARALLEL = 5;

export const githubHttpOptions: Pick<HttpClientOptions, 'errorMessage' | 'concurrency'> = {
  errorMessage: githubErrorMessage,
  concurrency: GITHUB_MAX_PARALLEL,
};

/**
 * Salesforce-specific settings for the shared HTTP client (main passes these to
 * createHttpClient). Salesforce meters a daily allowance, not requests per minute; the
 * connector pages one query cursor at a time, so the bound only matters for probes and
 * reclaims running side by side, well under the org's 25 concurrent long requests.
 */
import type { HttpClientOptions } from '../http/client.js';
import type { ConnectorError } from '../http/errors.js';
import { salesforceErrorMessage } from './api.js';
import { isRequestLimitExceeded, limitExceededError } from './limits.js';

/**
 * REQUEST_LIMIT_EXCEEDED is final (retryable false): no backoff, no retry storm. The
 * connector's own requests see the 403 first (sf-request.ts) so their message can quote
 * Sforce-Limit-Info, which this hook cannot read; this is the net for any other caller.
 * 401 INVALID_SESSION_ID is left to the client's refresh-once path.
 */
function classify(status: number, body: unknown): ConnectorError | undefined {
  return isRequestLimitExceeded(status, body) ? limitExceededError(body) : undefined;
}

export const SALESFORCE_MAX_PARALLEL = 10;

export const salesforceHttpOptions: Pick<HttpClientOptions, 'errorMessage' | 'classify' | 'concurrency'> = {
  errorMessage: salesforceErrorMessage,
  classify,
  concurrency: SALESFORCE_MAX_PARALLEL,
};

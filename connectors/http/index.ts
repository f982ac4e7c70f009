/** The public face of connectors/http: what connectors and main import. */
export {
  createHttpClient,
  DEFAULT_RETRY_POLICY,
  type AuthProvider,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type RetryPolicy,
} from './client.js';
export { ConnectorError, ActivityUnavailableError, CONNECTOR_ERROR_CODES, type ConnectorErrorCode } from './errors.js';
export { PageGuard, DEFAULT_MAX_PAGES, type PageGuardOptions } from './paging.js';
export { retryAfterMs } from './retry-after.js';

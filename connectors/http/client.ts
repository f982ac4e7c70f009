/**
 * The one HTTP client connectors use. It owns the Default HTTP Retry Policy (429 with
 * Retry-After / X-RateLimit-Reset, 5xx and network errors with exponential backoff and
 * jitter, a timeout per attempt, one token refresh on 401) and counts requests for the
 * job record. Connectors describe a request; this file decides how hard to try.
 */
import { ConnectorError } from './errors.js';

/** Supplies credentials. Implemented in main/auth; connectors never see a token store. */
export interface AuthProvider {
  /** Adds the Authorization (or other) header for one attempt. */
  apply(headers: Headers): Promise<void>;
  /** Called once after a 401. Returns true when fresh credentials are in place. */
  refresh(): Promise<boolean>;
}

export interface RetryPolicy {
  /** Attempts per request, including the first. */
  maxAttempts: number;
  /** Base delay of the exponential backoff, in ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we honour before failing the run instead. */
  maxRetryAfterMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 120_000,
  timeoutMs: 30_000,
};

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Absolute URL, or a path joined to the client's base URL. */
  url: string;
  query?: Record<string, string | number | undefined>;
  /** Serialized as JSON unless `form` is set. */
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Statuses handed back to the caller instead of thrown (e.g. 402/403 for a plan probe). */
  acceptStatus?: number[];
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpClientOptions {
  baseUrl: string;
  vendorName: string;
  auth?: AuthProvider;
  policy?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  /** Upper bound on requests in flight at once (the vendor's concurrency allowance). */
  concurrency?: number;
  /** Turns a vendor error body into its human message, e.g. Asana's errors[0].message. */
  errorMessage?: (body: unknown) => string | undefined;
  /** Classifies vendor-specific errors (Salesforce REQUEST_LIMIT_EXCEEDED) before the policy. */
  classify?: (status: number, body: unknown) => ConnectorError | undefined;
  /** Seam for tests and benchmarks; defaults to setTimeout. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
}

export interface HttpClient {
  readonly baseUrl: string;
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  /** Requests made so far, every attempt counted. */
  readonly requestCount: number;
}

export { createHttpClient } from './retrying-client.js';
export { ConnectorError };

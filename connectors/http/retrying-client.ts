/**
 * The Default HTTP Retry Policy, implemented once for every connector (see client.ts for the
 * contract). Error messages name the vendor, the method and the path only: query strings
 * can carry emails or cursors and headers carry credentials, so neither is ever echoed.
 *
 * Where requests may go is decided here too, once for every connector: only to the origin
 * (scheme, host and port) of the connection URL the administrator entered. Next-page links
 * (Link headers, Salesforce nextRecordsUrl, cursor URLs) come from the vendor's answer, so a
 * hostile or compromised vendor could point one at another host to collect the credentials
 * the client attaches; any URL off that origin, or from https down to http, is refused
 * before a byte is sent. Redirects are not left to fetch: it follows them with the request's
 * headers, so they are taken by hand, and only within the same origin.
 */
import { sleep as realSleep } from './sleep.js';
import {
  DEFAULT_RETRY_POLICY,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type RetryPolicy,
} from './client.js';
import { ConnectorError, isSafeToShow } from './errors.js';
import { bodyValue, parseBody, type ParsedBody } from './response-body.js';
import { retryAfterMs } from './retry-after.js';
import { Semaphore } from './semaphore.js';

/**
 * 429s do not spend the maxAttempts budget (the vendor told us exactly when to come back,
 * and a storm must not lose a request), but an endless 429 loop must still end.
 */
const MAX_RATE_LIMIT_RETRIES = 50;
const MAX_VENDOR_MESSAGE = 300;
/** Same-origin redirects followed per request, as browsers cap them: a loop must end. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type AttemptOutcome =
  | { kind: 'response'; status: number; headers: Headers; parsed: ParsedBody; opaqueRedirect?: boolean }
  | { kind: 'network'; cause: string }
  | { kind: 'timeout' }
  | { kind: 'cancelled' };

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const vendor = options.vendorName;
  const outer = options.signal;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const semaphore = options.concurrency !== undefined ? new Semaphore(options.concurrency) : undefined;
  const baseUrl = options.baseUrl;
  const home = originOf(baseUrl);
  let count = 0;
  /** Set by a 429 so the other requests of this run also hold back instead of hammering. */
  let pausedUntil = 0;

  const cancelled = (label: string): ConnectorError =>
    new ConnectorError('cancelled', `The ${vendor} request was cancelled (${label}).`);

  async function pause(ms: number, label: string): Promise<void> {
    if (ms > 0) {
      try {
        await sleep(ms, outer);
      } catch (err) {
        if (outer?.aborted) throw cancelled(label);
        throw err;
      }
    }
    if (outer?.aborted) throw cancelled(label);
  }

  function backoff(failures: number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
    return Math.floor(random() * ceiling);
  }

  /** Spreads requests released by the same pause so they do not return in one burst. */
  function jitter(waitMs: number): number {
    return Math.floor(random() * Math.min(1000, waitMs * 0.1));
  }

  function vendorMessage(body: unknown, status: number): string {
    let message: string | undefined;
    try {
      message = options.errorMessage?.(body);
    } catch {
      message = undefined;
    }
    const text = message?.trim() || `HTTP ${status}`;
    return text.length > MAX_VENDOR_MESSAGE ? `${text.slice(0, MAX_VENDOR_MESSAGE)}…` : text;
  }

  /**
   * Throws unless `target` is on the connection's own origin. `how` says where the URL came
   * from, for the message: a redirect, or a URL the connector was given (a next-page link).
   */
  function assertHome(target: URL, label: string, how: 'request' | 'redirect'): void {
    if (home !== undefined && target.origin === home.origin) return;
    if (home === undefined) {
      throw new ConnectorError('config', `The ${vendor} connection URL is not a valid http(s) URL, so Seatwise sends no request (${label}).`);
    }
    const where = describeOrigin(target);
    const what =
      how === 'redirect'
        ? `${vendor} redirected ${label} to ${where}`
        : `${vendor} sent Seatwise to ${where} (${label}), in a next-page link or a configured URL`;
    const downgrade = home.protocol === 'https:' && target.protocol === 'http:';
    const why = downgrade
      ? `that is plain http, and the connection uses https (${home.origin})`
      : `that is not the connection's own address (${home.origin})`;
    throw new ConnectorError(
      'foreign_origin',
      `${what}: ${why}. Seatwise sends credentials only to the address in the connection settings, so it sent nothing there and stopped. If the vendor really moved, change the connection URL.`,
    );
  }

  async function attempt(url: URL, req: HttpRequest, method: string): Promise<AttemptOutcome> {
    let release: (() => void) | undefined;
    try {
      release = await semaphore?.acquire(outer);
    } catch {
      return { kind: 'cancelled' };
    }
    try {
      const headers = new Headers({ accept: 'application/json', ...req.headers });
      let body: string | undefined;
      if (req.form) {
        headers.set('content-type', 'application/x-www-form-urlencoded');
        body = new URLSearchParams(req.form).toString();
      } else if (req.body !== undefined) {
        // A connector may name a JSON media type of its own (SCIM: application/scim+json).
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
        body = JSON.stringify(req.body);
      }
      await options.auth?.apply(headers);
      if (outer?.aborted) return { kind: 'cancelled' };

      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
      const onOuterAbort = (): void => controller.abort();
      outer?.addEventListener('abort', onOuterAbort, { once: true });
      count += 1;
      try {
        // 'manual': fetch would follow a redirect itself, headers and all; request() decides.
        const res = await fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: 'manual' });
        // The timeout covers the body too: a vendor that sends headers and then stalls is a timeout.
        const text = await res.text();
        return {
          kind: 'response',
          status: res.status,
          headers: res.headers,
          parsed: parseBody(text, res.headers.get('content-type')),
          // A browser-style fetch hides the redirect's target (status 0): nothing to check, so refused.
          ...(res.type === 'opaqueredirect' ? { opaqueRedirect: true } : {}),
        };
      } catch (err) {
        if (outer?.aborted) return { kind: 'cancelled' };
        if (controller.signal.aborted) return { kind: 'timeout' };
        return { kind: 'network', cause: networkCause(err) };
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuterAbort);
      }
    } finally {
      release?.();
    }
  }

  async function request<T = unknown>(original: HttpRequest): Promise<HttpResponse<T>> {
    let req = original;
    let method = req.method ?? 'GET';
    let url = buildUrl(baseUrl, req, vendor);
    const label = `${method} ${displayPath(url, baseUrl)}`;
    assertHome(url, label, 'request');
    let redirects = 0;
    let failures = 0;
    let rateLimits = 0;
    let refreshed = false;
    /** The latest shared 429 pause this request has already waited out. */
    let gateSeen = 0;

    for (;;) {
      if (outer?.aborted) throw cancelled(label);
      if (pausedUntil > gateSeen) {
        gateSeen = pausedUntil;
        const wait = pausedUntil - Date.now();
        if (wait > 0) await pause(wait + jitter(wait), label);
      }

      const outcome = await attempt(url, req, method);
      if (outcome.kind === 'cancelled') throw cancelled(label);
      if (outcome.kind === 'network' || outcome.kind === 'timeout') {
        failures += 1;
        if (failures >= policy.maxAttempts) {
          throw outcome.kind === 'timeout'
            ? new ConnectorError(
                'timeout',
                `${vendor} did not answer within ${formatSeconds(policy.timeoutMs)} (${label}); gave up after ${failures} attempts.`,
                { retryable: true },
              )
            : new ConnectorError(
                'network',
                `Could not reach ${vendor} at ${url.host} (${label}): ${outcome.cause}; gave up after ${failures} attempts.`,
                { retryable: true },
              );
        }
        await pause(backoff(failures), label);
        continue;
      }

      const { status, headers, parsed } = outcome;
      if (outcome.opaqueRedirect) {
        throw new ConnectorError(
          'foreign_origin',
          `${vendor} redirected the request (${label}) to an address Seatwise cannot see, so it was not followed. Check the connection URL.`,
        );
      }
      const location = REDIRECT_STATUSES.has(status) ? headers.get('location') : null;
      if (location !== null) {
        let target: URL;
        try {
          target = new URL(location, url);
        } catch {
          throw new ConnectorError('malformed', `${vendor} answered ${label} with a redirect to an invalid address.`, { status });
        }
        assertHome(target, label, 'redirect');
        redirects += 1;
        if (redirects > MAX_REDIRECTS) {
          throw new ConnectorError('malformed', `${vendor} redirected ${label} more than ${MAX_REDIRECTS} times; stopped instead of looping.`, { status });
        }
        // What browsers do: 303, and 301/302 after a POST, become a GET without the body.
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          req = { ...req, method: 'GET', body: undefined, form: undefined };
        }
        url = target;
        continue;
      }
      const body = bodyValue(parsed);
      if (req.acceptStatus?.includes(status)) return { status, headers, body: body as T };

      const vendorError = options.classify?.(status, body);
      if (vendorError) {
        failures += 1;
        if (!vendorError.retryable || failures >= policy.maxAttempts) throw vendorError;
        await pause(backoff(failures), label);
        continue;
      }

      if (status >= 200 && status < 300) {
        if (parsed.kind === 'invalid' || parsed.kind === 'text') {
          throw new ConnectorError('malformed', `${vendor} returned a page that is not JSON (${label}).`, { status });
        }
        return { status, headers, body: body as T };
      }

      if (status === 429) {
        rateLimits += 1;
        const asked = retryAfterMs(headers);
        if (asked !== undefined && asked > policy.maxRetryAfterMs) {
          throw new ConnectorError(
            'rate_limited',
            `${vendor} rate limit reached (${label}): it asks to wait ${formatSeconds(asked)}, longer than the ${formatSeconds(policy.maxRetryAfterMs)} Seatwise waits. Try again later.`,
            { status, retryable: true, vendorMessage: vendorMessage(body, status) },
          );
        }
        if (rateLimits > MAX_RATE_LIMIT_RETRIES) {
          throw new ConnectorError(
            'rate_limited',
            `${vendor} kept answering 429 Too Many Requests (${label}) ${rateLimits} times in a row. Try again later.`,
            { status, retryable: true, vendorMessage: vendorMessage(body, status) },
          );
        }
        const delay = asked !== undefined ? asked + jitter(asked) : backoff(rateLimits);
        pausedUntil = Math.max(pausedUntil, Date.now() + delay);
        gateSeen = pausedUntil;
        await pause(delay, label);
        continue;
      }

      if (status === 401) {
        if (!refreshed && options.auth) {
          refreshed = true;
          if (await tryRefresh(options.auth)) continue;
        }
        const message = vendorMessage(body, status);
        throw new ConnectorError(
          'unauthorized',
          `${vendor} did not accept the credentials (${label}): ${message}. Reconnect the account or check the token.`,
          { status, vendorMessage: message },
        );
      }

      if (status >= 500) {
        failures += 1;
        const message = vendorMessage(body, status);
        if (failures >= policy.maxAttempts) {
          throw new ConnectorError(
            'server',
            `${vendor} kept failing with HTTP ${status} (${label}): ${message}; gave up after ${failures} attempts.`,
            { status, retryable: true, vendorMessage: message },
          );
        }
        const asked = retryAfterMs(headers, Date.now(), { rateLimitReset: false });
        const delay = asked !== undefined && asked <= policy.maxRetryAfterMs ? asked : backoff(failures);
        await pause(delay, label);
        continue;
      }

      throw clientError(vendor, label, status, vendorMessage(body, status));
    }
  }

  return {
    baseUrl,
    request,
    get requestCount() {
      return count;
    },
  };
}

async function tryRefresh(auth: NonNullable<HttpClientOptions['auth']>): Promise<boolean> {
  try {
    return await auth.refresh();
  } catch (err) {
    // A ConnectorError from the auth layer already explains itself; anything else might
    // carry token material in its message, so it is reduced to "refresh failed".
    if (err instanceof ConnectorError || isSafeToShow(err)) throw err;
    return false;
  }
}

function clientError(vendor: string, label: string, status: number, message: string): ConnectorError {
  const opts = { status, vendorMessage: message };
  switch (status) {
    case 402:
    case 403:
      return new ConnectorError(
        'forbidden',
        `${vendor} refused the request (${label}): ${message}. The connected account or plan may not allow this.`,
        opts,
      );
    case 404:
      return new ConnectorError(
        'not_found',
        `${vendor} found nothing at ${label}: ${message}. Check the connection URL and settings.`,
        opts,
      );
    default:
      return new ConnectorError('bad_request', `${vendor} rejected the request (${label}) with HTTP ${status}: ${message}.`, opts);
  }
}

function buildUrl(baseUrl: string, req: HttpRequest, vendor: string): URL {
  let url: URL;
  try {
    url = /^https?:\/\//i.test(req.url)
      ? new URL(req.url)
      : new URL(`${baseUrl.replace(/\/+$/, '')}/${req.url.replace(/^\/+/, '')}`);
  } catch {
    throw new ConnectorError('config', `The ${vendor} connection URL is not a valid http(s) URL.`);
  }
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function originOf(baseUrl: string): URL | undefined {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** An origin for a message: scheme, host and port, never a path, query or user info. */
function describeOrigin(url: URL): string {
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : `${url.protocol}//${url.host}`;
}

/** The path as the connector thinks of it: relative to the base URL's path when under it. */
function displayPath(url: URL, baseUrl: string): string {
  let basePath = '';
  try {
    const base = new URL(baseUrl);
    if (base.origin === url.origin) basePath = base.pathname.replace(/\/+$/, '');
  } catch {
    basePath = '';
  }
  const path = url.pathname;
  if (basePath && path.startsWith(`${basePath}/`)) return path.slice(basePath.length);
  return path;
}

function networkCause(err: unknown): string {
  // undici puts the system error (ECONNREFUSED, ENOTFOUND, ...) in `cause`.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the URL right and the service up?)',
    ENOTFOUND: 'host name not found',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EAI_AGAIN: 'DNS lookup failed',
    UND_ERR_SOCKET: 'connection closed unexpectedly',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  };
  if (code && known[code]) return known[code];
  return code ?? 'network error';
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

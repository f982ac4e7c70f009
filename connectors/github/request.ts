/**
 * Every GitHub request of the connector goes through here, on top of ctx.http (which still
 * owns retries, 429s, 5xx, the one refresh after a 401 and the origin check). What is
 * GitHub's own: the media type and API version headers; a 403 that is a rate limit (waited
 * out, see rate-limit.ts) rather than a refusal; not sending while the hourly allowance is
 * used up; and refusals that name the scope or permission GitHub asks for.
 */
import { DEFAULT_RETRY_POLICY, type HttpClient, type HttpRequest, type HttpResponse } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { githubErrorMessage } from './api.js';
import { GITHUB_API_VERSION, GITHUB_SCOPES } from './descriptor.js';
import { exhausted, rateLimitHit, resetAtMs } from './rate-limit.js';

export const GITHUB_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': GITHUB_API_VERSION,
  // GitHub refuses requests without a User-Agent ("User agent required").
  'user-agent': 'Seatwise',
};

/** Rate-limit answers one request sits out before the run stops ("throw an error after a specific number of retries"). */
const MAX_RATE_LIMIT_RETRIES = 5;

export interface GithubDeps {
  /** Waits for a rate limit; defaults to a timer that ends early (cancelled) on the run's signal. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The clock x-ratelimit-reset is compared with; defaults to Date.now. */
  clock?: () => number;
  /** The longest wait honoured before failing the run instead; default the client's 120 s. */
  maxWaitMs?: number;
}

export interface GithubRequest extends HttpRequest {
  /** "GET /orgs/{org}/copilot/billing/seats": names the request in messages, without values. */
  label: string;
}

export interface GithubApi {
  readonly baseUrl: string;
  request<T = unknown>(req: GithubRequest): Promise<HttpResponse<T>>;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const seconds = (ms: number): string => `${Math.ceil(ms / 1000)} s`;
const utc = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** What GitHub says a refused request needs: the classic scopes, or the fine-grained permission. */
function needs(headers: Headers): string {
  const scopes = headers.get('x-accepted-oauth-scopes')?.trim();
  const has = headers.get('x-oauth-scopes');
  const permissions = headers.get('x-accepted-github-permissions')?.trim();
  const parts: string[] = [];
  if (scopes) parts.push(`GitHub accepts a token with the scope ${scopes.split(/\s*,\s*/).join(' or ')}${has !== null ? ` (this token has: ${has.trim() || 'no scopes'})` : ''}`);
  if (permissions) parts.push(`GitHub asks for the permission ${permissions}`);
  return parts.length ? ` ${parts.join('; ')}.` : '';
}

export function githubApi(http: HttpClient, signal: AbortSignal, deps: GithubDeps = {}): GithubApi {
  const sleep = deps.sleep ?? defaultSleep;
  const clock = deps.clock ?? Date.now;
  const maxWaitMs = deps.maxWaitMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs;
  /** Set when an answer said the hourly allowance is used up: no request goes out before it. */
  let heldUntil = 0;

  async function wait(ms: number, label: string): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (err) {
      if (signal.aborted) throw new ConnectorError('cancelled', `The GitHub request was cancelled (${label}).`);
      throw err;
    }
    if (signal.aborted) throw new ConnectorError('cancelled', `The GitHub request was cancelled (${label}).`);
  }

  /** `status`: the refusal that asked for the wait; absent when Seatwise held back without asking. */
  function tooLong(label: string, waitMs: number, resetAt: number | undefined, vendorMessage?: string, status?: number): ConnectorError {
    const when = resetAt !== undefined ? `, until ${utc(resetAt)}` : '';
    return new ConnectorError(
      'rate_limited',
      `GitHub's API rate limit for this token is reached (${label}): it asks to wait ${seconds(waitMs)}${when}, longer than the ${seconds(maxWaitMs)} Seatwise waits. Try again later.`,
      { ...(status !== undefined ? { status } : {}), retryable: true, vendorMessage },
    );
  }

  /** GitHub asks clients not to send while x-ratelimit-remaining is 0, until x-ratelimit-reset. */
  async function holdIfExhausted(label: string): Promise<void> {
    const waitMs = heldUntil - clock();
    if (waitMs <= 0) return;
    if (waitMs > maxWaitMs) throw tooLong(label, waitMs, heldUntil);
    await wait(waitMs, label);
  }

  function refusal(status: number, headers: Headers, body: unknown, label: string): ConnectorError {
    const said = githubErrorMessage(body) ?? `HTTP ${status}`;
    if (status === 404) {
      return new ConnectorError(
        'not_found',
        `GitHub answered Not Found (${label}): ${said}. Check the organization login; GitHub also answers Not Found when the token lacks ${GITHUB_SCOPES.copilot} (classic) or "${GITHUB_SCOPES.permissionLabel}" (fine-grained, GitHub App), is not authorized for the organization's SAML single sign-on, or belongs to someone who is not an owner of the organization.${needs(headers)}`,
        { status, vendorMessage: said },
      );
    }
    return new ConnectorError(
      'forbidden',
      `GitHub refused the request (${label}): ${said}. The token needs ${GITHUB_SCOPES.copilot} (classic) or the "${GITHUB_SCOPES.permissionLabel}" organization permission (fine-grained, GitHub App), and its owner must be an owner of the organization.${needs(headers)}`,
      { status, vendorMessage: said },
    );
  }

  async function request<T = unknown>(req: GithubRequest): Promise<HttpResponse<T>> {
    const { label, ...rest } = req;
    const callerAccepts = new Set(rest.acceptStatus ?? []);
    let limited = 0;
    for (;;) {
      await holdIfExhausted(label);
      const res = await http.request<T>({
        ...rest,
        headers: { ...GITHUB_HEADERS, ...rest.headers },
        acceptStatus: [...callerAccepts, 403, 404],
      });
      const resetAt = resetAtMs(res.headers);
      if (exhausted(res.headers) && resetAt !== undefined) heldUntil = Math.max(heldUntil, resetAt);
      if (res.status === 403) {
        const hit = rateLimitHit(res.headers, res.body, clock(), limited);
        if (hit) {
          limited += 1;
          if (limited > MAX_RATE_LIMIT_RETRIES) {
            throw new ConnectorError('rate_limited', `GitHub kept answering with its ${hit.kind} rate limit (${label}) ${limited} times in a row. Try again later.`, {
              status: 403,
              retryable: true,
              vendorMessage: hit.message,
            });
          }
          if (hit.waitMs > maxWaitMs) throw tooLong(label, hit.waitMs, hit.kind === 'primary' ? hit.resetAtMs : undefined, hit.message, 403);
          // The hold already covers a primary limit's reset; a secondary one waits here.
          if (hit.kind === 'primary' && resetAt !== undefined) continue;
          await wait(hit.waitMs, label);
          continue;
        }
      }
      if ((res.status === 403 || res.status === 404) && !callerAccepts.has(res.status)) throw refusal(res.status, res.headers, res.body, label);
      return res;
    }
  }

  return { baseUrl: http.baseUrl, request };
}

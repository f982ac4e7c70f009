/**
 * One limiter per vendor account, shared by every connection to that account in this process:
 * the profiles of an estate syncing side by side, a reclaim beside a sync, a connection check.
 * A vendor meters its account (Asana per token and workspace, Calendly per user, Salesforce and
 * Okta per org, Microsoft Graph per tenant, Zoom per account), not one Seatwise run, so the
 * bound each run's HTTP client keeps for itself would let ten runs against one account send ten
 * times the vendor's allowance. The limiter sits in the client's `fetch` seam, so the retry
 * policy, the origin checks and the per-run bound of connectors/http stay as they are; it adds:
 *
 * - the vendor's concurrency allowance, across every run on the account;
 * - its documented request rate, where it publishes one: never more than `requests` started in
 *   any `windowMs` (a sliding log, so a fixed-window meter is never exceeded either);
 * - a 429 (or a 503 that says when to come back) pauses the whole account until the time asked,
 *   so the other runs on it hold back instead of each spending a request to learn the same.
 *
 * Accounts of other vendors, or other accounts of the same vendor, never wait on each other.
 */
import { sleep } from '../../connectors/http/sleep.js';
import { DEFAULT_RETRY_POLICY } from '../../connectors/http/client.js';
import { retryAfterMs } from '../../connectors/http/retry-after.js';
import { Semaphore } from '../../connectors/http/semaphore.js';
import type { Vendor } from '../../connectors/types.js';

export interface AccountRate {
  requests: number;
  windowMs: number;
}

export interface AccountLimit {
  /** Requests in flight at once to the account; none: no bound beyond each run's own. */
  concurrency?: number;
  rate?: AccountRate;
}

/**
 * Request rates the vendors publish, for their paid plans (a free plan's lower limit answers
 * 429, which pauses the account as the vendor asks). Vendors absent here publish no request
 * rate Seatwise could keep (Salesforce meters a daily allowance, Zoom and Okta per endpoint
 * category and plan, Graph adaptively): their 429s and Retry-After still pause the account.
 */
export const DOCUMENTED_RATES: Partial<Record<Vendor, AccountRate>> = {
  // 1,500 requests a minute per token on paid plans (150 on free).
  asana: { requests: 1500, windowMs: 60_000 },
  // 500 requests a minute per user on paid plans (50 on free).
  calendly: { requests: 500, windowMs: 60_000 },
  // The REST secondary limit: 900 points a minute, one point per GET.
  github: { requests: 900, windowMs: 60_000 },
};

/** Connection options that name the metered account at the vendor (not how to sign in). */
const ACCOUNT_OPTIONS = ['workspace', 'organization', 'org', 'tenant', 'accountId'] as const;

/** A 429 with no Retry-After still pauses the account this long: the run's own backoff does the rest. */
const UNSPECIFIED_PAUSE_MS = 1000;

export interface AccountIdentity {
  vendor: Vendor;
  /** The API base URL the run's client talks to (Salesforce: the org's instance). */
  baseUrl: string;
  options?: Record<string, string>;
}

/** The account a connection's requests count against: vendor, API base URL and account options. */
export function accountKey({ vendor, baseUrl, options }: AccountIdentity): string {
  let base = baseUrl.trim();
  try {
    const url = new URL(base);
    base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    base = base.toLowerCase();
  }
  const account = ACCOUNT_OPTIONS.map((key) => options?.[key]?.trim().toLowerCase() ?? '').join('|');
  return `${vendor} ${base} ${account}`;
}

export interface WrapOptions {
  /** The run's own signal: only it ends a wait here (the attempt's timeout has not begun for real yet). */
  signal?: AbortSignal;
  /** The attempt's timeout, given afresh to a request that waited here. */
  timeoutMs?: number;
}

export interface LimiterStats {
  /** Requests in flight to the account now, and the most there ever were at once. */
  inFlight: number;
  maxInFlight: number;
  /** Requests started so far. */
  started: number;
  /** 429s (and 503s with Retry-After) that paused the account. */
  pauses: number;
}

export class AccountLimiter {
  private readonly slots: Semaphore | undefined;
  /** Start times of the latest requests, oldest first, at most rate.requests of them. */
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  readonly stats: LimiterStats = { inFlight: 0, maxInFlight: 0, started: 0, pauses: 0 };

  constructor(
    readonly key: string,
    readonly limit: AccountLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = limit.concurrency !== undefined ? new Semaphore(limit.concurrency) : undefined;
  }

  /** A fetch that waits its turn at the account, then calls `fetchImpl`. */
  wrap(fetchImpl: typeof fetch, options: WrapOptions = {}): typeof fetch {
    const timeoutMs = options.timeoutMs ?? DEFAULT_RETRY_POLICY.timeoutMs;
    return async (input, init) => {
      const asked = this.now();
      const release = await this.admit(options.signal);
      this.stats.inFlight += 1;
      this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
      try {
        // The client's per-attempt timer started before this wait; a request that queued here
        // gets its whole timeout from when it really leaves, still ended by the run's signal.
        const waited = this.now() - asked > 0;
        const signal = waited && options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : init?.signal;
        const response = await fetchImpl(input, { ...init, signal });
        this.observe(response);
        return response;
      } finally {
        this.stats.inFlight -= 1;
        release?.();
      }
    };
  }

  /** Waits for a slot, then for the account's pause and rate; records the start. */
  private async admit(signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
    const release = this.slots ? await this.slots.acquire(signal) : undefined;
    try {
      for (;;) {
        const wait = this.waitMs();
        if (wait <= 0) break;
        await sleep(wait, signal);
      }
      this.recordStart();
      return release;
    } catch (error) {
      release?.();
      throw error;
    }
  }

  private waitMs(): number {
    const now = this.now();
    let until = this.pausedUntil;
    const rate = this.limit.rate;
    if (rate && this.starts.length >= rate.requests) until = Math.max(until, this.starts[0]! + rate.windowMs);
    return until - now;
  }

  private recordStart(): void {
    this.stats.started += 1;
    const rate = this.limit.rate;
    if (!rate) return;
    this.starts.push(this.now());
    while (this.starts.length > rate.requests) this.starts.shift();
  }

  private observe(response: Response): void {
    const throttled = response.status === 429 || (response.status === 503 && response.headers.has('retry-after'));
    if (!throttled) return;
    const asked = retryAfterMs(response.headers, Date.now(), { rateLimitReset: response.status === 429 });
    // Never longer than the client would wait: past that the run fails anyway and says why.
    const pause = Math.min(asked ?? UNSPECIFIED_PAUSE_MS, DEFAULT_RETRY_POLICY.maxRetryAfterMs);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + pause);
    this.stats.pauses += 1;
  }
}

/** The limiters of one process, by account. */
export class VendorLimiters {
  private readonly accounts = new Map<string, AccountLimiter>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The account's limiter, made on first use with the vendor's allowance. */
  forAccount(identity: AccountIdentity, concurrency: number | undefined): AccountLimiter {
    const key = accountKey(identity);
    let limiter = this.accounts.get(key);
    if (!limiter) {
      limiter = new AccountLimiter(key, { concurrency, rate: DOCUMENTED_RATES[identity.vendor] }, this.now);
      this.accounts.set(key, limiter);
    }
    return limiter;
  }

  get(identity: AccountIdentity): AccountLimiter | undefined {
    return this.accounts.get(accountKey(identity));
  }
}

/** The process's own: every connection opened without another shares it. */
export const vendorLimiters = new VendorLimiters();

/**
 * Okta's org-wide rate limits as the simulator enforces them (Okta, "Rate limit best
 * practices"): per endpoint bucket, per minute. Every answer carries X-Rate-Limit-Limit,
 * X-Rate-Limit-Remaining and X-Rate-Limit-Reset (the window's end in UTC epoch seconds); a
 * request over the limit is 429 with E0000047 and no Retry-After, as Okta answers.
 */
import { FixedWindowLimiter, json, type SimResponse } from '../../simulator-kit/index.js';
import { OKTA_MESSAGES, oktaErrorBody, type OktaBucket, type OktaSimState } from './state.js';

const WINDOW_MS = 60_000;

export interface RateOutcome {
  headers: Record<string, string>;
  /** The 429 to answer instead of the route, when over the limit. */
  refused?: SimResponse;
}

export class OktaRateLimits {
  private readonly limiters = new Map<OktaBucket, FixedWindowLimiter>();

  constructor(private readonly state: OktaSimState) {}

  take(bucket: OktaBucket): RateOutcome {
    const limit = this.state.knobs().rateLimits[bucket];
    if (!Number.isFinite(limit) || limit <= 0) return { headers: {} };
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      limiter = new FixedWindowLimiter(this.state.clock);
      this.limiters.set(bucket, limiter);
    }
    const decision = limiter.take({ limit, windowMs: WINDOW_MS });
    const reset = Math.floor(this.state.clock() / 1000) + decision.resetSeconds;
    const headers = {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(decision.remaining),
      'x-rate-limit-reset': String(reset),
    };
    if (decision.allowed) return { headers };
    this.state.counters.rateLimited += 1;
    return { headers, refused: json(429, oktaErrorBody('E0000047', OKTA_MESSAGES.rateLimited), headers) };
  }
}

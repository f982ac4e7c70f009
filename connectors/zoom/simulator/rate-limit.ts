/**
 * Zoom's rate limits as the simulator enforces them (Zoom, "Rate limits"): per account, per
 * category of the endpoint (Light, Medium, Heavy), per second; optionally a daily limit. A
 * refusal is HTTP 429 with X-RateLimit-Category, X-RateLimit-Type (QPS or Daily-limit),
 * X-RateLimit-Limit and X-RateLimit-Remaining; the daily one adds Retry-After with the instant
 * the quota comes back (00:00 UTC), as in Zoom's documented example response header.
 */
import { FixedWindowLimiter, json, type SimResponse } from '../../simulator-kit/index.js';
import { zoomErrorBody, type ZoomCategory, type ZoomSimState } from './state.js';

const DAY_MS = 86_400_000;

export const ZOOM_QPS_MESSAGE = 'You have reached the maximum per-second rate limit for this API. Try again later.';

export class ZoomRateLimits {
  private readonly perSecond = new Map<string, FixedWindowLimiter>();
  private readonly daily = new Map<string, { day: number; used: number }>();

  constructor(private readonly state: ZoomSimState) {}

  /** The 429 to answer, or undefined when the request may go on (and is counted). */
  take(accountId: string, category: ZoomCategory): SimResponse | undefined {
    const knobs = this.state.knobs();
    const now = this.state.clock();
    const dailyLimit = knobs.dailyLimit?.category === category ? knobs.dailyLimit : undefined;
    const key = `${accountId}:${category}`;
    const day = Math.floor(now / DAY_MS);
    const used = this.daily.get(key);
    const today = used && used.day === day ? used : { day, used: 0 };
    if (dailyLimit && today.used >= dailyLimit.limit) {
      this.state.counters.rateLimited += 1;
      const resume = new Date((day + 1) * DAY_MS).toISOString().replace('.000Z', 'Z');
      return json(
        429,
        zoomErrorBody(
          429,
          `You have exceeded the daily rate limit (${dailyLimit.limit}) of ${category} API requests permitted for this account. You may resume these requests at GMT 00:00:00.`,
        ),
        {
          'x-ratelimit-category': category,
          'x-ratelimit-type': 'Daily-limit',
          'x-ratelimit-limit': String(dailyLimit.limit),
          'x-ratelimit-remaining': '0',
          'retry-after': resume,
        },
      );
    }
    const refused = this.perSecondLimit(key, category);
    if (refused) return refused;
    // Only a request that got through counts against the day.
    if (dailyLimit) this.daily.set(key, { day, used: today.used + 1 });
    return undefined;
  }

  private perSecondLimit(key: string, category: ZoomCategory): SimResponse | undefined {
    const knobs = this.state.knobs();
    const limit = knobs.qps[category];
    if (!Number.isFinite(limit) || limit <= 0) return undefined;
    let limiter = this.perSecond.get(key);
    if (!limiter) {
      limiter = new FixedWindowLimiter(this.state.clock);
      this.perSecond.set(key, limiter);
    }
    const decision = limiter.take({ limit, windowMs: 1000 });
    if (decision.allowed) return undefined;
    this.state.counters.rateLimited += 1;
    const headers: Record<string, string> = {
      'x-ratelimit-category': category,
      'x-ratelimit-type': 'QPS',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
    };
    if (knobs.qpsRetryAfter) headers['retry-after'] = String(decision.resetSeconds);
    return json(429, zoomErrorBody(429, ZOOM_QPS_MESSAGE), headers);
  }
}

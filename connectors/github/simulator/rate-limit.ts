/**
 * GitHub's REST rate limits as the simulator enforces them ("Rate limits for the REST API"):
 * - primary, per token: N requests a window (5,000 an hour), reported on every answer in
 *   x-ratelimit-limit / -remaining / -used / -reset (UTC epoch seconds) / -resource; once used
 *   up, a 403 (or 429) with x-ratelimit-remaining: 0 and "API rate limit exceeded";
 * - secondary, per token: points a minute (GET 1, writes 5; 900 for REST), refused with a 403
 *   (or 429), retry-after in seconds and "You have exceeded a secondary rate limit".
 */
import { json, type SimResponse } from '../../simulator-kit/index.js';
import { GITHUB_DOCS, githubErrorBody, type GithubSimState } from './state.js';

export const PRIMARY_MESSAGE = 'API rate limit exceeded for user ID {id}. If you reach out to GitHub Support for help, please include the request ID {request} and timestamp {time}.';
export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {request}.';

interface Window {
  start: number;
  used: number;
}

/** GitHub's secondary-limit points: 1 for reads, 5 for writes. */
export function pointsOf(method: string): number {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 1 : 5;
}

export class GithubRateLimits {
  private readonly primary = new Map<string, Window>();
  private readonly secondary = new Map<string, Window>();

  constructor(private readonly state: GithubSimState) {}

  private window(map: Map<string, Window>, key: string, windowMs: number): Window {
    const now = this.state.clock();
    let w = map.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, used: 0 };
      map.set(key, w);
    }
    return w;
  }

  /** The headers every answer to this token carries, after counting the request (or not). */
  headers(token: string): Record<string, string> {
    const { limit, windowMs } = this.state.knobs().primary;
    const w = this.window(this.primary, token, windowMs);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - w.used)),
      'x-ratelimit-used': String(w.used),
      'x-ratelimit-reset': String(Math.ceil((w.start + windowMs) / 1000)),
      'x-ratelimit-resource': 'core',
    };
  }

  /** The refusal to answer, or undefined when the request may go on (and is counted). */
  take(token: string, method: string, userId: number, requestId: string): SimResponse | undefined {
    const knobs = this.state.knobs();
    const now = this.state.clock();
    const p = this.window(this.primary, token, knobs.primary.windowMs);
    if (p.used >= knobs.primary.limit) {
      this.state.counters.rateLimited += 1;
      const message = PRIMARY_MESSAGE.replace('{id}', String(userId)).replace('{request}', requestId).replace('{time}', new Date(now).toISOString());
      return json(knobs.primary.status, githubErrorBody(knobs.primary.status, message, GITHUB_DOCS.rateLimits), this.headers(token));
    }
    const s = this.window(this.secondary, token, knobs.secondary.windowMs);
    const points = pointsOf(method);
    if (s.used + points > knobs.secondary.points) {
      this.state.counters.secondaryLimited += 1;
      const retryAfter = Math.max(1, Math.ceil((s.start + knobs.secondary.windowMs - now) / 1000));
      return json(knobs.secondary.status, githubErrorBody(knobs.secondary.status, SECONDARY_MESSAGE.replace('{request}', requestId), GITHUB_DOCS.secondary), {
        ...this.headers(token),
        'retry-after': String(retryAfter),
      });
    }
    p.used += 1;
    s.used += points;
    return undefined;
  }
}

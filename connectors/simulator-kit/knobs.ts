/**
 * Fault knobs: mutable at runtime through `SimulatorHandle.knobs`, read on every request, so
 * a test or the demo can start a 429 storm half way through a sync.
 */
import type { SimRequest } from './responses.js';

export type RateLimitHeaderStyle = 'retry-after' | 'x-ratelimit' | 'both';

export interface RateLimitKnob {
  /** Requests allowed per window (Asana paid: 1500 per 60 s). */
  limit: number;
  windowMs: number;
  /**
   * 'retry-after': Retry-After on 429 (Asana). 'x-ratelimit': X-RateLimit-Limit/Remaining/Reset
   * on every answer (Calendly). 'both': all of them.
   */
  headers?: RateLimitHeaderStyle;
  /** The vendor's 429 body; defaults to the simulator's errorBody. */
  body?: (info: { retryAfterSeconds: number }) => unknown;
}

export interface SimulatorKnobs {
  /**
   * Time to answer, counted from the request's arrival: the route runs at once and the answer
   * is held until then (a slower route answers when it is done). Live: read per request.
   */
  latencyMs: number;
  rateLimit?: RateLimitKnob;
  /** Share of requests (0..1, seeded) answered 500. */
  errorRate: number;
  /** Every Nth request answered 500; 0 turns it off. Deterministic, good for storms in tests. */
  failEveryNth: number;
  /** Answer matching requests with a non-JSON page (an HTML error page with status 200). */
  malformedPage?: (req: SimRequest) => boolean;
  /** Limits which requests faults (rate limit, 500s, malformed) apply to; default all. */
  faultsApplyTo?: (req: SimRequest) => boolean;
  /**
   * A hostile (or compromised) vendor: the next-page links it hands out (Link headers, cursor
   * URLs) point at this origin, e.g. `http://127.0.0.1:<port of a listener>` or an `http:`
   * twin of an https API, instead of its own. Honoured by the simulators that send links.
   */
  nextLinkOrigin?: string;
}

export function defaultKnobs(overrides: Partial<SimulatorKnobs> = {}): SimulatorKnobs {
  return { latencyMs: 0, errorRate: 0, failEveryNth: 0, ...overrides };
}

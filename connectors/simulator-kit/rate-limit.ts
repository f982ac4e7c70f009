/**
 * A fixed-window counter, the way most SaaS APIs meter (per token, per minute). The clock is
 * injectable so a test's fake sleep can move time forward instead of really waiting.
 */
import type { RateLimitKnob } from './knobs.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets, rounded up (what Retry-After carries). */
  resetSeconds: number;
}

export class FixedWindowLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(private readonly clock: () => number) {}

  take(knob: RateLimitKnob): RateDecision {
    const now = this.clock();
    if (now - this.windowStart >= knob.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    const resetSeconds = Math.max(1, Math.ceil((this.windowStart + knob.windowMs - now) / 1000));
    if (this.used >= knob.limit) return { allowed: false, limit: knob.limit, remaining: 0, resetSeconds };
    this.used += 1;
    return { allowed: true, limit: knob.limit, remaining: knob.limit - this.used, resetSeconds };
  }
}

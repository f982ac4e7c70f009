/**
 * The one-line "why" of a candidate, e.g.
 *   "no activity since 2026-08-01, 114 days; rule Asana Business, 60 days"
 *   "never active since 2026-07-01 (seat start), 60 days; rule Asana Business, 60 days"
 *   "never active since 2026-07-01 (analysis start), 60 days; rule Asana Business, 60 days"
 * Both halves are cached (by day, and by rule and days), so a candidate costs one string.
 */
import { DAY_MS } from './dates.js';
import { SinceFrom } from './seat-check.js';
import type { ReclamationRule } from './types.js';

function isoDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export class WhyText {
  private readonly prefixes = new Map<number, string>();
  private readonly suffixes = new Map<ReclamationRule, Map<number, string>>();
  private readonly analysisPrefix: string;

  constructor(analysisMs: number) {
    this.analysisPrefix = `never active since ${isoDay(Math.floor(analysisMs / DAY_MS))} (analysis start)`;
  }

  text(from: SinceFrom, sinceMs: number, days: number, rule: ReclamationRule): string {
    let prefix: string | undefined;
    if (from === SinceFrom.ANALYSIS_START) prefix = this.analysisPrefix;
    else {
      const day = Math.floor(sinceMs / DAY_MS);
      const key = day * 2 + from;
      prefix = this.prefixes.get(key);
      if (prefix === undefined) {
        prefix = from === SinceFrom.ACTIVITY ? `no activity since ${isoDay(day)}` : `never active since ${isoDay(day)} (seat start)`;
        this.prefixes.set(key, prefix);
      }
    }
    let byDays = this.suffixes.get(rule);
    if (byDays === undefined) this.suffixes.set(rule, (byDays = new Map()));
    let suffix = byDays.get(days);
    if (suffix === undefined) byDays.set(days, (suffix = `, ${days} days; rule ${rule.name}, ${rule.thresholdDays} days`));
    return prefix + suffix;
  }
}

/**
 * The per-seat half of candidate computation: is this seat a candidate under its rule, and
 * if not, why not. Built once per computation (rules, prices and exclusions indexed); `check`
 * allocates nothing and leaves its findings in the checker's fields.
 */
import { indexSeatPrices, type SeatPrice } from './costs.js';
import { DAY_MS, parseIso, utcDay } from './dates.js';
import { compileExclusions, type CompiledExclusions } from './exclusions.js';
import { indexEnabledRules } from './rules.js';
import { emailKey, type DirectoryIndex, type Leaver } from '../directory/people.js';
import type { Entitlement, ExclusionRule, ReclamationRule, SubscriptionRecord } from './types.js';

/** Why a seat is not a candidate (CANDIDATE: it is one). */
export const Verdict = {
  CANDIDATE: 0,
  NO_ACTIVITY_DATA: 1,
  SEAT_NOT_HELD: 2,
  FREE_SEAT: 3,
  OWNER: 4,
  CONNECTED_ACCOUNT: 5,
  NO_RULE: 6,
  BAD_DATE: 7,
  BELOW_THRESHOLD: 8,
  EXCLUDED_TYPE: 9,
  EXCLUDED_USER: 10,
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** Where inactiveSince came from (LEFT: the day the directory says the person left). */
export const SinceFrom = { ACTIVITY: 0, SEAT_START: 1, ANALYSIS_START: 2, LEFT: 3 } as const;
export type SinceFrom = (typeof SinceFrom)[keyof typeof SinceFrom];

function isUsableRule(rule: ReclamationRule): boolean {
  // A missing or silly threshold must never make everybody a candidate.
  return Number.isInteger(rule.thresholdDays) && rule.thresholdDays >= 1;
}

export interface SeatCheckOptions {
  rules: readonly ReclamationRule[];
  exclusions: readonly ExclusionRule[];
  entitlements: readonly Entitlement[];
  nowMs: number;
  analysisMs: number;
  analysisIso: string;
  activityAvailable: boolean;
  /** Leavers and known people; undefined when no directory source exists. */
  directory?: DirectoryIndex;
}

/** Days after leaving before a leaver's seat is a candidate; 0 unless the rule says otherwise. */
export function leaverDaysOf(rule: ReclamationRule): number {
  return Number.isInteger(rule.leaverDays) && (rule.leaverDays as number) > 0 ? (rule.leaverDays as number) : 0;
}

/** A rule with its cutoff: a seat inactive since at or before `cutoffMs` is over the threshold. */
interface RuleCut {
  rule: ReclamationRule;
  cutoffMs: number;
  /** `cutoffMs` as a canonical ISO string, to compare canonical dates without parsing them. */
  cutoffIso: string;
}

/** Whether `s` is a canonical UTC ISO string with milliseconds (`2026-08-01T12:00:00.000Z`). */
function isCanonicalIso(s: string): boolean {
  return s.length === 24 && s.charCodeAt(23) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(19) === 46 /* . */;
}

export class SeatCheck {
  // Findings of the last `check` (valid as far as the check got).
  rule: ReclamationRule | undefined = undefined;
  since = 0;
  sinceIso = '';
  sinceFrom: SinceFrom = SinceFrom.ACTIVITY;
  days = 0;
  excludedBy: ExclusionRule | undefined = undefined;
  /** The price of the last checked seat's license type (set for candidates). */
  price: SeatPrice | undefined = undefined;
  /** Set when the last checked seat is a candidate because its holder left. */
  leaver: Leaver | undefined = undefined;

  private readonly rulesByProfile: Map<string, Map<string, RuleCut>>;
  private readonly pricesByProfile: Map<string, Map<string, SeatPrice>>;
  private readonly exclusions: CompiledExclusions;
  private readonly noExclusions: boolean;
  readonly nowMs: number;
  private readonly analysisMs: number;
  private readonly analysisIso: string;
  private readonly activityAvailable: boolean;
  private readonly directory: DirectoryIndex | undefined;
  private profileId: string | undefined = undefined;
  private typeRules: Map<string, RuleCut> | undefined = undefined;
  private typePrices: Map<string, SeatPrice> | undefined = undefined;

  /** The prices of the last checked seat's profile, by license type (a downgrade's saving needs the target's). */
  get profilePrices(): ReadonlyMap<string, SeatPrice> | undefined {
    return this.typePrices;
  }

  constructor(o: SeatCheckOptions) {
    this.rulesByProfile = new Map();
    for (const [profileId, byType] of indexEnabledRules(o.rules.filter(isUsableRule))) {
      const cuts = new Map<string, RuleCut>();
      for (const [licenseType, rule] of byType) {
        const cutoffMs = o.nowMs - rule.thresholdDays * DAY_MS;
        cuts.set(licenseType, { rule, cutoffMs, cutoffIso: new Date(cutoffMs).toISOString() });
      }
      this.rulesByProfile.set(profileId, cuts);
    }
    this.pricesByProfile = indexSeatPrices(o.entitlements);
    this.exclusions = compileExclusions(o.exclusions);
    this.noExclusions = this.exclusions.empty;
    this.nowMs = o.nowMs;
    this.analysisMs = o.analysisMs;
    this.analysisIso = o.analysisIso;
    this.activityAvailable = o.activityAvailable;
    this.directory = o.directory;
  }

  check(s: SubscriptionRecord): Verdict {
    if (s.profileId !== this.profileId) {
      this.profileId = s.profileId;
      this.typeRules = this.rulesByProfile.get(s.profileId);
      this.typePrices = this.pricesByProfile.get(s.profileId);
    }
    this.excludedBy = undefined;
    this.leaver = undefined;
    // A leaver is known from the directory, not from activity: without one, no activity means no claim.
    if (!this.activityAvailable && this.directory === undefined) return Verdict.NO_ACTIVITY_DATA;
    if (s.active !== true) return Verdict.SEAT_NOT_HELD;
    if (s.paid !== true) return Verdict.FREE_SEAT;
    if (s.owner) return Verdict.OWNER;
    if (s.connectedAccount) return Verdict.CONNECTED_ACCOUNT;
    const cut = this.typeRules === undefined ? undefined : this.typeRules.get(s.licenseType);
    if (cut === undefined) {
      this.rule = undefined;
      return this.activityAvailable ? Verdict.NO_RULE : Verdict.NO_ACTIVITY_DATA;
    }
    const rule = cut.rule;
    this.rule = rule;
    if (this.directory !== undefined && this.directory.leavers.size > 0 && rule.leaversEnabled !== false) {
      const left = this.directory.leavers.get(emailKey(s.email));
      if (left !== undefined && left.sinceMs <= this.nowMs - leaverDaysOf(rule) * DAY_MS) {
        this.since = left.sinceMs;
        this.sinceIso = left.sinceIso;
        this.sinceFrom = SinceFrom.LEFT;
        this.days = Math.floor((this.nowMs - left.sinceMs) / DAY_MS);
        if (!this.noExclusions) {
          if ((this.excludedBy = this.exclusions.licenseType(s.licenseType)) !== undefined) return Verdict.EXCLUDED_TYPE;
          if ((this.excludedBy = this.exclusions.user(s.email, s.userId)) !== undefined) return Verdict.EXCLUDED_USER;
        }
        this.leaver = left;
        this.price = this.typePrices === undefined ? undefined : this.typePrices.get(s.licenseType);
        return Verdict.CANDIDATE;
      }
    }
    if (!this.activityAvailable) return Verdict.NO_ACTIVITY_DATA;

    const last = s.lastActivityAt;
    let since: number;
    if (last !== undefined && last !== null && last !== '') {
      this.sinceIso = last;
      this.sinceFrom = SinceFrom.ACTIVITY;
      // Most seats are in use: a canonical date after the cutoff settles it without parsing.
      if (isCanonicalIso(last) && last > cut.cutoffIso) {
        this.days = -1; // not computed; `reason` computes it when needed
        return Verdict.BELOW_THRESHOLD;
      }
      since = parseIso(last);
    } else {
      const startedAt = s.startedAt;
      since = startedAt !== undefined && startedAt !== null && startedAt !== '' ? parseIso(startedAt) : NaN;
      this.sinceIso = startedAt ?? '';
      if (since !== since) {
        since = parseIso(s.firstSeenAt);
        this.sinceIso = s.firstSeenAt;
      }
      if (since > this.analysisMs) this.sinceFrom = SinceFrom.SEAT_START;
      else if (since === since) {
        since = this.analysisMs;
        this.sinceIso = this.analysisIso;
        this.sinceFrom = SinceFrom.ANALYSIS_START;
      }
    }
    if (since !== since) return Verdict.BAD_DATE;
    this.since = since;
    this.days = Math.floor((this.nowMs - since) / DAY_MS);
    if (since > cut.cutoffMs) return Verdict.BELOW_THRESHOLD;
    if (!this.noExclusions) {
      if ((this.excludedBy = this.exclusions.licenseType(s.licenseType)) !== undefined) return Verdict.EXCLUDED_TYPE;
      if ((this.excludedBy = this.exclusions.user(s.email, s.userId)) !== undefined) return Verdict.EXCLUDED_USER;
    }
    this.price = this.typePrices === undefined ? undefined : this.typePrices.get(s.licenseType);
    return Verdict.CANDIDATE;
  }

  /** Why a seat that `check` turned down is not a candidate (for a candidate being resolved). */
  reason(verdict: Verdict, s: SubscriptionRecord, previousLastActivityAt: string | undefined): string {
    switch (verdict) {
      case Verdict.CANDIDATE:
        return `the seat moved to license type ${s.licenseType}`;
      case Verdict.NO_ACTIVITY_DATA:
        return 'activity is not available for this profile';
      case Verdict.SEAT_NOT_HELD:
        return 'the seat is no longer held';
      case Verdict.FREE_SEAT:
        return 'the seat is free now';
      case Verdict.OWNER:
        return 'the user is the organisation owner';
      case Verdict.CONNECTED_ACCOUNT:
        return 'the user is the connected account';
      case Verdict.NO_RULE:
        return `no enabled rule for ${s.licenseType}`;
      case Verdict.BAD_DATE:
        return 'the activity date cannot be read';
      case Verdict.EXCLUDED_TYPE:
      case Verdict.EXCLUDED_USER: {
        const what = verdict === Verdict.EXCLUDED_TYPE ? 'license type' : 'user';
        const r = this.excludedBy;
        return r === undefined ? `${what} excluded` : `${what} excluded by "${r.pattern}"${r.reason ? ` (${r.reason})` : ''}`;
      }
      case Verdict.BELOW_THRESHOLD: {
        const last = s.lastActivityAt;
        const lastMs = last ? parseIso(last) : NaN;
        const prevMs = previousLastActivityAt ? parseIso(previousLastActivityAt) : NaN;
        if (last && lastMs !== lastMs) return 'the activity date cannot be read';
        if (lastMs === lastMs && !(prevMs >= lastMs)) return `active again on ${utcDay(last!, lastMs)}`;
        const rule = this.rule;
        const days = this.days >= 0 ? this.days : Math.floor((this.nowMs - lastMs) / DAY_MS);
        return `${days} days inactive is under the threshold of rule ${rule?.name ?? '?'}, ${rule?.thresholdDays ?? '?'} days`;
      }
    }
  }
}

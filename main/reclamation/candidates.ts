/**
 * Reclamation candidates: which seats have been inactive for at least their rule's threshold.
 *
 * Semantics (issue 3, item 4):
 *   inactiveSince = lastActivityAt ?? max(seat start (startedAt ?? firstSeenAt), analysisStart)
 *   daysInactive  = floor((now - inactiveSince) / 1 day)
 *   candidate iff daysInactive >= thresholdDays of the enabled rule for the seat's license type.
 * Never candidates: the connected account, the vendor's owner, seats not held (inactive),
 * free seats, excluded users and excluded license types, license types without an enabled
 * rule, seats with unreadable dates, and every seat when activity is not available.
 *
 * Status across recomputes (matched by the stable candidate id):
 *   - approved, rejected, reclaimed and failed keep their status; open stays open;
 *   - a `resolved` candidate that is over the threshold again opens a new episode (`open`);
 *   - an open, approved or rejected candidate that is no longer a candidate (the person came
 *     back, was excluded, the seat went away, ...) becomes `resolved` with the reason in `why`;
 *   - reclaimed, failed and resolved candidates that are no longer candidates are kept as they
 *     are, for history.
 * `previous` should hold the candidates of the profiles being computed; previous candidates
 * of other profiles are returned unchanged.
 *
 * Built for 1,000,000 subscriptions: one pass, no per-row allocation for seats that are not
 * candidates, rules and prices in Maps, exclusions compiled once, dates parsed by hand.
 */
import { indexSeatPrices, type SeatPrice } from './costs.js';
import { DAY_MS, parseIso, toMillis, utcDay, type DateInput } from './dates.js';
import { compileExclusions } from './exclusions.js';
import { candidateId } from './ids.js';
import { indexEnabledRules } from './rules.js';
import type { Candidate, CandidateStatus, Entitlement, ExclusionRule, ReclamationRule, SubscriptionRecord } from './types.js';

export interface CandidateInput {
  subscriptions: readonly SubscriptionRecord[];
  rules: readonly ReclamationRule[];
  exclusions: readonly ExclusionRule[];
  entitlements: readonly Entitlement[];
  /** The candidates from the last computation (their statuses carry over). */
  previous: readonly Candidate[];
  now: DateInput;
  /** "Analyze user activity from": the earliest date activity was looked for. */
  analysisStart: DateInput;
  /** False when the vendor gives no activity: then nobody is an inactivity candidate. */
  activityAvailable: boolean;
}

// Why a seat is not a candidate (0: it is one).
const CANDIDATE = 0;
const NO_ACTIVITY_DATA = 1;
const SEAT_NOT_HELD = 2;
const FREE_SEAT = 3;
const OWNER = 4;
const CONNECTED_ACCOUNT = 5;
const NO_RULE = 6;
const BAD_DATE = 7;
const BELOW_THRESHOLD = 8;
const EXCLUDED_TYPE = 9;
const EXCLUDED_USER = 10;

const STILL_PENDING: ReadonlySet<CandidateStatus> = new Set<CandidateStatus>(['open', 'approved', 'rejected']);

function isUsableRule(rule: ReclamationRule): boolean {
  // A missing or silly threshold must never make everybody a candidate.
  return Number.isInteger(rule.thresholdDays) && rule.thresholdDays >= 1;
}

export function computeCandidates(input: CandidateInput): Candidate[] {
  const nowMs = toMillis(input.now, 'now');
  const nowIso = new Date(nowMs).toISOString();
  const analysisMs = toMillis(input.analysisStart, 'analysisStart');
  const analysisIso = new Date(analysisMs).toISOString();
  const analysisDay = analysisIso.slice(0, 10);
  const activityAvailable = input.activityAvailable === true;

  const rulesByProfile = indexEnabledRules(input.rules.filter(isUsableRule));
  const pricesByProfile = indexSeatPrices(input.entitlements);
  const exclusions = compileExclusions(input.exclusions);
  const noExclusions = exclusions.empty;

  // Previous candidates by id; the subscriptions of those that may need resolving.
  const previous = input.previous;
  const prevById = new Map<string, Candidate>();
  const pendingSubs = new Set<string>();
  for (let i = 0; i < previous.length; i++) {
    const p = previous[i]!;
    prevById.set(p.id, p);
    if (STILL_PENDING.has(p.status)) pendingSubs.add(p.subscriptionId);
  }
  const checkPending = pendingSubs.size > 0;
  const withdrawn = new Map<string, string>(); // candidate id -> why it is no longer one

  // Per rule: the reclaimable date of a candidate detected now.
  const reclaimableNow = new Map<ReclamationRule, string>();
  const reclaimableFrom = (rule: ReclamationRule, detectedAt: string): string | undefined => {
    if (!rule.notifyUser) return undefined;
    const days = Number.isInteger(rule.daysBeforeAutoReclaim) && rule.daysBeforeAutoReclaim > 0 ? rule.daysBeforeAutoReclaim : 0;
    if (detectedAt === nowIso) {
      let at = reclaimableNow.get(rule);
      if (at === undefined) reclaimableNow.set(rule, (at = new Date(nowMs + days * DAY_MS).toISOString()));
      return at;
    }
    const detectedMs = parseIso(detectedAt);
    return new Date((Number.isFinite(detectedMs) ? detectedMs : nowMs) + days * DAY_MS).toISOString();
  };

  const out: Candidate[] = [];
  const emitted = new Set<string>();
  const profiles = new Set<string>();
  for (const rule of input.rules) profiles.add(rule.profileId);

  const subs = input.subscriptions;
  let curProfile: string | undefined;
  let typeRules: Map<string, ReclamationRule> | undefined;
  let typePrices: Map<string, SeatPrice> | undefined;

  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    if (s.profileId !== curProfile) {
      curProfile = s.profileId;
      profiles.add(curProfile);
      typeRules = rulesByProfile.get(curProfile);
      typePrices = pricesByProfile.get(curProfile);
    }

    let skip = CANDIDATE;
    let rule: ReclamationRule | undefined;
    let since = 0;
    let days = 0;
    let fromActivity = false; // inactiveSince is the last activity
    let seatStart = false; // never active, and inactiveSince is the seat start
    let sinceIso = '';
    let excludedBy: ExclusionRule | undefined;
    const last = s.lastActivityAt;

    if (!activityAvailable) skip = NO_ACTIVITY_DATA;
    else if (s.active !== true) skip = SEAT_NOT_HELD;
    else if (s.paid !== true) skip = FREE_SEAT;
    else if (s.owner) skip = OWNER;
    else if (s.connectedAccount) skip = CONNECTED_ACCOUNT;
    else if (typeRules === undefined || (rule = typeRules.get(s.licenseType)) === undefined) skip = NO_RULE;
    else {
      if (last !== undefined && last !== null && last !== '') {
        since = parseIso(last);
        sinceIso = last;
        fromActivity = true;
      } else {
        const startedAt = s.startedAt;
        let start = startedAt !== undefined && startedAt !== null && startedAt !== '' ? parseIso(startedAt) : NaN;
        sinceIso = startedAt ?? '';
        if (start !== start) {
          start = parseIso(s.firstSeenAt);
          sinceIso = s.firstSeenAt;
        }
        if (start > analysisMs) seatStart = true;
        else {
          start = analysisMs;
          sinceIso = analysisIso;
        }
        since = start;
      }
      if (since !== since) skip = BAD_DATE;
      else {
        days = Math.floor((nowMs - since) / DAY_MS);
        if (days < rule.thresholdDays) skip = BELOW_THRESHOLD;
        else if (!noExclusions) {
          if ((excludedBy = exclusions.licenseType(s.licenseType)) !== undefined) skip = EXCLUDED_TYPE;
          else if ((excludedBy = exclusions.user(s.email, s.userId)) !== undefined) skip = EXCLUDED_USER;
        }
      }
    }

    if (skip !== CANDIDATE) {
      if (checkPending && pendingSubs.has(s.id)) {
        const id = candidateId(s.profileId, s.orgId, s.userId, s.licenseType);
        withdrawn.set(id, withdrawnWhy(skip, s, rule, days, excludedBy, prevById.get(id)));
      }
      continue;
    }
    rule = rule!;

    const id = candidateId(s.profileId, s.orgId, s.userId, s.licenseType);
    if (emitted.has(id)) continue; // the same seat twice in the input: keep the first
    emitted.add(id);

    let status: CandidateStatus = 'open';
    let detectedAt = nowIso;
    const prev = prevById.size > 0 ? prevById.get(id) : undefined;
    if (prev !== undefined && prev.status !== 'resolved') {
      status = prev.status;
      if (typeof prev.detectedAt === 'string' && prev.detectedAt !== '') detectedAt = prev.detectedAt;
    }

    const why =
      fromActivity
        ? 'no activity since ' + utcDay(sinceIso, since) + ', ' + days + ' days; rule ' + rule.name + ', ' + rule.thresholdDays + ' days'
        : seatStart
          ? 'never active since ' + utcDay(sinceIso, since) + ' (seat start), ' + days + ' days; rule ' + rule.name + ', ' + rule.thresholdDays + ' days'
          : 'never active since ' + analysisDay + ' (analysis start), ' + days + ' days; rule ' + rule.name + ', ' + rule.thresholdDays + ' days';

    const price = typePrices === undefined ? undefined : typePrices.get(s.licenseType);
    out.push({
      id,
      profileId: s.profileId,
      orgId: s.orgId,
      subscriptionId: s.id,
      userId: s.userId,
      email: s.email,
      name: s.name,
      licenseType: s.licenseType,
      lastActivityAt: last === '' || last === null ? undefined : last,
      inactiveSince: sinceIso,
      daysInactive: days,
      ruleId: rule.id,
      ruleName: rule.name,
      thresholdDays: rule.thresholdDays,
      status,
      monthlyCost: price === undefined ? null : price.monthlyRounded,
      currency: price === undefined ? null : price.currency,
      why,
      reclaimableAt: rule.notifyUser ? reclaimableFrom(rule, detectedAt) : undefined,
      detectedAt,
      resolvedAt: undefined,
    });
  }

  // Previous candidates that are not candidates now: resolve the pending ones, keep history.
  for (let i = 0; i < previous.length; i++) {
    const p = previous[i]!;
    if (emitted.has(p.id)) continue;
    if (!profiles.has(p.profileId) || !STILL_PENDING.has(p.status)) {
      out.push(p);
      emitted.add(p.id);
      continue;
    }
    emitted.add(p.id);
    const reason = withdrawn.get(p.id) ?? (activityAvailable ? 'the seat is no longer held' : 'activity is not available for this profile');
    out.push({
      id: p.id,
      profileId: p.profileId,
      orgId: p.orgId,
      subscriptionId: p.subscriptionId,
      userId: p.userId,
      email: p.email,
      name: p.name,
      licenseType: p.licenseType,
      lastActivityAt: p.lastActivityAt,
      inactiveSince: p.inactiveSince,
      daysInactive: p.daysInactive,
      ruleId: p.ruleId,
      ruleName: p.ruleName,
      thresholdDays: p.thresholdDays,
      status: 'resolved',
      monthlyCost: p.monthlyCost,
      currency: p.currency,
      why: `resolved: ${reason}; was ${p.status}, ${p.daysInactive} days inactive`,
      reclaimableAt: undefined,
      detectedAt: p.detectedAt,
      resolvedAt: nowIso,
    });
  }
  return out;
}

/** The reason a previously pending candidate is no longer one. */
function withdrawnWhy(
  skip: number,
  s: SubscriptionRecord,
  rule: ReclamationRule | undefined,
  days: number,
  excludedBy: ExclusionRule | undefined,
  prev: Candidate | undefined,
): string {
  switch (skip) {
    case NO_ACTIVITY_DATA:
      return 'activity is not available for this profile';
    case SEAT_NOT_HELD:
      return 'the seat is no longer held';
    case FREE_SEAT:
      return 'the seat is free now';
    case OWNER:
      return 'the user is the organisation owner';
    case CONNECTED_ACCOUNT:
      return 'the user is the connected account';
    case NO_RULE:
      return `no enabled rule for ${s.licenseType}`;
    case BAD_DATE:
      return 'the activity date cannot be read';
    case EXCLUDED_TYPE:
    case EXCLUDED_USER: {
      const what = skip === EXCLUDED_TYPE ? 'license type' : 'user';
      const r = excludedBy;
      return r === undefined ? `${what} excluded` : `${what} excluded by "${r.pattern}"${r.reason ? ` (${r.reason})` : ''}`;
    }
    default: {
      const last = s.lastActivityAt;
      const lastMs = last ? parseIso(last) : NaN;
      const prevMs = prev?.lastActivityAt ? parseIso(prev.lastActivityAt) : NaN;
      if (lastMs === lastMs && !(prevMs >= lastMs)) return `active again on ${utcDay(last!, lastMs)}`;
      return `${days} days inactive is under the threshold of rule ${rule?.name ?? '?'}, ${rule?.thresholdDays ?? '?'} days`;
    }
  }
}

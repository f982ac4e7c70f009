/**
 * Reclamation candidates: which seats have been inactive for at least their rule's threshold.
 *
 * Semantics:
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
 *     back, was excluded, the seat went away, ...) becomes `resolved`, once, with the reason
 *     in `why`;
 *   - reclaimed, failed and resolved candidates that are no longer candidates are kept as they
 *     are, for history.
 * The result lists this run's candidates in subscription order, then the previous ones kept
 * for history. `previous` should hold the candidates of the profiles being computed; previous
 * candidates of other profiles are returned unchanged. Subscriptions are expected to be unique
 * per seat (profile, org, user, license type), as the store keeps them.
 *
 * Built for 1,000,000 subscriptions: one pass; no allocation for seats that are not
 * candidates; rules, prices and exclusions indexed once; dates parsed by hand; "why" texts
 * cached; and `previous` walked alongside the subscriptions (it is in the same order when it
 * is the last result), so a known candidate needs neither a hash nor a Map lookup. Whatever
 * the walk cannot pair is paired by id afterwards, so any order gives the same result.
 */
import { DAY_MS, toMillis, type DateInput } from './dates.js';
import { candidateId } from './ids.js';
import { emailKey, type DirectoryIndex } from '../directory/people.js';
import { seatSaving } from './costs.js';
import { leaverDaysOf, SeatCheck, SinceFrom, Verdict } from './seat-check.js';
import type { Candidate, CandidateStatus, Entitlement, ExclusionRule, ReclamationRule, SubscriptionRecord } from './types.js';
import { WhyText } from './why-text.js';

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
  /**
   * The directory's leavers and known people (main/directory). A leaver's seat is a candidate
   * under the rule's leaver setting whatever the activity, even where no activity is read.
   */
  directory?: DirectoryIndex;
  /** License types the vendor never bills (Zoom Basic): a downgrade to one saves the whole price. */
  freeTiers?: ReadonlySet<string>;
}

/** The name leaver candidates are listed under, whatever the rule of their license type is called. */
export const LEAVERS_RULE_NAME = 'Leavers';

/** How far ahead in `previous` the walk looks for a seat (skipping seats that went away). */
const LOOKAHEAD = 4;

function isPending(status: CandidateStatus): boolean {
  return status === 'open' || status === 'approved' || status === 'rejected';
}

/** Whether a previous candidate is about this very seat (then its id is this seat's id). */
function sameSeat(p: Candidate, s: SubscriptionRecord): boolean {
  return p.licenseType === s.licenseType && p.userId === s.userId && p.orgId === s.orgId && p.profileId === s.profileId;
}

function resolved(p: Candidate, reason: string, nowIso: string): Candidate {
  return {
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
    ...(p.monthlySaving !== undefined ? { monthlySaving: p.monthlySaving } : {}),
    ...(p.savingNote !== undefined ? { savingNote: p.savingNote } : {}),
    ...(p.downgradeTo !== undefined ? { downgradeTo: p.downgradeTo } : {}),
    why: `resolved: ${reason}; was ${p.status}, ${p.reason === 'leaver' ? `${p.daysInactive} days after leaving` : `${p.daysInactive} days inactive`}`,
    reclaimableAt: undefined,
    detectedAt: p.detectedAt,
    resolvedAt: nowIso,
    reason: p.reason ?? 'inactive',
    activitySource: p.activitySource ?? null,
    ...(p.orphan !== undefined ? { orphan: p.orphan } : {}),
    ...(p.taskWrittenAt !== undefined ? { taskWrittenAt: p.taskWrittenAt } : {}),
  };
}

export function computeCandidates(input: CandidateInput): Candidate[] {
  const nowMs = toMillis(input.now, 'now');
  const nowIso = new Date(nowMs).toISOString();
  const analysisMs = toMillis(input.analysisStart, 'analysisStart');
  const activityAvailable = input.activityAvailable === true;
  const check = new SeatCheck({
    rules: input.rules,
    exclusions: input.exclusions,
    entitlements: input.entitlements,
    nowMs,
    analysisMs,
    analysisIso: new Date(analysisMs).toISOString(),
    activityAvailable,
    directory: input.directory,
  });
  const directory = input.directory;
  const whyText = new WhyText(analysisMs);

  // "Notify user": the notice's date is fixed when the candidate is first found under a rule
  // that notifies (now + the rule's days) and never moves afterwards, whatever the rule
  // becomes: the person was told that date. A candidate found before notify was turned on
  // gets its date when it is first computed with notify on, counted from then, not from detection.
  const noticeAt = new Map<ReclamationRule, string>();
  const reclaimableAt = (rule: ReclamationRule): string => {
    let at = noticeAt.get(rule);
    if (at === undefined) {
      const days = Number.isInteger(rule.daysBeforeAutoReclaim) && rule.daysBeforeAutoReclaim > 0 ? rule.daysBeforeAutoReclaim : 0;
      noticeAt.set(rule, (at = new Date(nowMs + days * DAY_MS).toISOString()));
    }
    return at;
  };
  /** Carries a previous candidate's status into its continuation. */
  const carry = (c: Candidate, p: Candidate, rule: ReclamationRule): void => {
    if (p.status === 'resolved') return; // over the threshold again: a new episode
    c.status = p.status;
    if (typeof p.detectedAt === 'string' && p.detectedAt !== '') c.detectedAt = p.detectedAt;
    if (rule.notifyUser && typeof p.reclaimableAt === 'string' && p.reclaimableAt !== '') c.reclaimableAt = p.reclaimableAt;
    if (p.status === 'approved' && typeof p.taskWrittenAt === 'string') c.taskWrittenAt = p.taskWrittenAt;
  };

  const previous = input.previous;
  const prevLen = previous.length;
  const continued = new Uint8Array(prevLen); // 1: a current candidate continues previous[i]
  const withdrawn = new Map<number, string>(); // previous index -> why it is no longer a candidate
  const unpaired: number[] = []; // indexes in `out` of candidates the walk found no previous for
  const profiles = new Set<string>();
  for (const rule of input.rules) profiles.add(rule.profileId);

  const out: Candidate[] = [];
  const subs = input.subscriptions;
  let curProfile: string | undefined;
  let cursor = 0;

  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    if (s.profileId !== curProfile) {
      curProfile = s.profileId;
      profiles.add(curProfile);
    }
    const verdict = check.check(s);

    // Walk `previous` alongside: the previous candidate of this seat, if it is where expected.
    // Every seat looks at the cursor; a candidate also looks a few further (past seats that
    // went away). What the walk misses is paired by id below.
    let prev: Candidate | undefined;
    let pi = -1;
    if (cursor < prevLen) {
      const end = verdict !== Verdict.CANDIDATE ? cursor + 1 : cursor + LOOKAHEAD < prevLen ? cursor + LOOKAHEAD : prevLen;
      for (let k = cursor; k < end; k++) {
        const p = previous[k]!;
        if (p.subscriptionId === s.id) {
          cursor = k + 1;
          if (sameSeat(p, s)) {
            prev = p;
            pi = k;
          }
          break;
        }
      }
    }

    if (verdict !== Verdict.CANDIDATE) {
      if (prev !== undefined && isPending(prev.status)) withdrawn.set(pi, withdrawal(check, verdict, s, prev, directory));
      continue;
    }

    const rule = check.rule!;
    let id: string;
    if (prev !== undefined) {
      id = prev.id;
      continued[pi] = 1;
    } else {
      id = candidateId(s.profileId, s.orgId, s.userId, s.licenseType);
      unpaired.push(out.length);
    }
    const price = check.price;
    const last = s.lastActivityAt;
    const left = check.leaver;
    const c: Candidate = {
      id,
      profileId: s.profileId,
      orgId: s.orgId,
      subscriptionId: s.id,
      userId: s.userId,
      email: s.email,
      name: s.name,
      licenseType: s.licenseType,
      lastActivityAt: last === '' || last === null ? undefined : last,
      inactiveSince: check.sinceIso,
      daysInactive: check.days,
      ruleId: rule.id,
      ruleName: left === undefined ? rule.name : LEAVERS_RULE_NAME,
      thresholdDays: left === undefined ? rule.thresholdDays : leaverDaysOf(rule),
      status: 'open',
      monthlyCost: price === undefined ? null : price.monthlyRounded,
      currency: price === undefined ? null : price.currency,
      why:
        left !== undefined
          ? leaverWhy(left.because, check.days, rule)
          : s.lastActivitySource === 'sso' && check.sinceFrom === SinceFrom.ACTIVITY
            ? `no SSO sign-in since${whyText.text(check.sinceFrom, check.since, check.days, rule).slice('no activity since'.length)}`
            : whyText.text(check.sinceFrom, check.since, check.days, rule),
      reclaimableAt: rule.notifyUser ? reclaimableAt(rule) : undefined,
      detectedAt: nowIso,
      resolvedAt: undefined,
      reason: left === undefined ? 'inactive' : 'leaver',
      activitySource: last === undefined || last === '' || last === null ? null : s.lastActivitySource === 'sso' ? 'sso' : 'vendor',
    };
    const downgrade = rule.action === 'downgrade';
    const saving = seatSaving({
      prices: check.profilePrices,
      licenseType: s.licenseType,
      action: downgrade ? 'downgrade' : 'remove',
      downgradeTo: downgrade ? rule.downgradeTo : undefined,
      freeTiers: input.freeTiers,
    });
    c.monthlySaving = saving.monthly;
    if (saving.monthly === null && saving.note !== undefined) c.savingNote = saving.note;
    if (downgrade && rule.downgradeTo !== undefined) c.downgradeTo = rule.downgradeTo;
    if (directory !== undefined) c.orphan = !directory.known.has(emailKey(s.email));
    if (prev !== undefined) carry(c, prev, rule);
    out.push(c);
  }

  if (prevLen === 0) return out;

  // Candidates the walk could not pair (new ones, or `previous` in another order): pair by id.
  if (unpaired.length > 0) {
    const byId = new Map<string, number>();
    for (let i = 0; i < prevLen; i++) if (continued[i] === 0 && !withdrawn.has(i)) byId.set(previous[i]!.id, i);
    if (byId.size > 0) {
      const rulesById = new Map<string, ReclamationRule>();
      for (const rule of input.rules) if (!rulesById.has(rule.id)) rulesById.set(rule.id, rule);
      for (const k of unpaired) {
        const c = out[k]!;
        const pi = byId.get(c.id);
        if (pi === undefined || continued[pi] === 1) continue;
        continued[pi] = 1;
        carry(c, previous[pi]!, rulesById.get(c.ruleId)!);
      }
    }
  }

  // Pending candidates the walk did not meet: find their seats to say why they are resolved.
  const unexplained = new Map<string, number[]>();
  for (let i = 0; i < prevLen; i++) {
    const p = previous[i]!;
    if (continued[i] === 0 && isPending(p.status) && !withdrawn.has(i) && profiles.has(p.profileId)) {
      const list = unexplained.get(p.subscriptionId);
      if (list === undefined) unexplained.set(p.subscriptionId, [i]);
      else list.push(i);
    }
  }
  if (unexplained.size > 0 && (activityAvailable || directory !== undefined)) {
    for (let i = 0; i < subs.length; i++) {
      const s = subs[i]!;
      const list = unexplained.get(s.id);
      if (list === undefined) continue;
      const verdict = check.check(s);
      for (const pi of list) {
        const p = previous[pi]!;
        if (!sameSeat(p, s)) {
          withdrawn.set(pi, p.licenseType !== s.licenseType ? `the seat moved to license type ${s.licenseType}` : 'the seat is no longer held');
        } else if (verdict !== Verdict.CANDIDATE) withdrawn.set(pi, withdrawal(check, verdict, s, p, directory));
      }
    }
  }

  // The previous candidates not continued: resolve the pending ones, keep the rest for history.
  const gone = activityAvailable ? 'the seat is no longer held' : 'activity is not available for this profile';
  for (let i = 0; i < prevLen; i++) {
    if (continued[i] === 1) continue;
    const p = previous[i]!;
    if (!isPending(p.status) || !profiles.has(p.profileId)) out.push(p);
    else out.push(resolved(p, withdrawn.get(i) ?? gone, nowIso));
  }
  return out;
}

/** Why a pending candidate is no longer one; a leaver who is back is said as such. */
function withdrawal(check: SeatCheck, verdict: Verdict, s: SubscriptionRecord, p: Candidate, directory: DirectoryIndex | undefined): string {
  if (p.reason === 'leaver' && (verdict === Verdict.NO_ACTIVITY_DATA || verdict === Verdict.BELOW_THRESHOLD || verdict === Verdict.NO_RULE)) {
    const left = directory?.leavers.get(emailKey(s.email));
    if (left === undefined) return 'the directory no longer marks the person as having left';
    const rule = check.rule;
    if (rule === undefined) return `no enabled rule for ${s.licenseType}`;
    if (rule.leaversEnabled === false) return `leavers are turned off in rule ${rule.name}`;
    const days = Math.floor((check.nowMs - left.sinceMs) / DAY_MS);
    return `${days} days after leaving is under rule ${rule.name}'s ${leaverDaysOf(rule)} days after leaving`;
  }
  return check.reason(verdict, s, p.lastActivityAt);
}

function leaverWhy(because: string, days: number, rule: ReclamationRule): string {
  const after = leaverDaysOf(rule);
  return `leaver: ${because}, ${days} days ago; rule ${LEAVERS_RULE_NAME} (${rule.licenseType}), ${after === 0 ? 'at once' : `${after} days after leaving`}`;
}

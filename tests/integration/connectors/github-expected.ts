/**
 * What the GitHub tests expect, computed from the seeded organization alone (never from the
 * connector): each member's seat as Seatwise must see it, and the candidates by a rule.
 */
import type { GithubSeedMember } from '../../../connectors/github/simulator/index.js';
import { lastUseMs } from '../../../connectors/github/simulator/index.js';
import type { SeatRecord } from '../../../connectors/types.js';
import { computeCandidates } from '../../../main/reclamation/candidates.js';
import type { ReclamationRule, SubscriptionRecord } from '../../../main/reclamation/types.js';

export const DAY = 86_400_000;
export const THRESHOLD = 90;

const PLAN: Record<string, string> = { business: 'Copilot Business', enterprise: 'Copilot Enterprise' };

/** The seat of a member holding one: login as name and reclaimRef, public email only, the later date. */
export function expectedSeat(m: GithubSeedMember): SeatRecord {
  const seat = m.seat;
  if (!seat) throw new RangeError(`${m.login} holds no seat`);
  const record: SeatRecord = {
    userId: String(m.id),
    email: m.publicEmail ? m.email : '',
    name: m.login,
    licenseType: PLAN[seat.planType] ?? 'Copilot (plan not reported)',
    active: seat.pendingCancellationDate === undefined,
    admin: false,
    owner: false,
    paid: true,
    reclaimRef: m.login,
    startedAt: new Date(seat.createdAt).toISOString(),
  };
  const last = lastUseMs(seat);
  if (last === last) record.lastActivityAt = new Date(last).toISOString();
  return record;
}

export function ruleFor(licenseType = 'Copilot Business'): ReclamationRule {
  return {
    id: 'r-copilot',
    profileId: 'p1',
    licenseType,
    name: licenseType,
    thresholdDays: THRESHOLD,
    notifyUser: false,
    daysBeforeAutoReclaim: 0,
    approvalRequired: true,
    reclaimWithoutApproval: false,
    enabled: true,
  };
}

export function candidatesOf(seats: SeatRecord[], options: { orgId: string; connectedUserId: string; now: Date; analysisStart: Date }) {
  const subscriptions: SubscriptionRecord[] = seats.map((s) => ({
    id: `sub-${s.userId}`,
    profileId: 'p1',
    orgId: options.orgId,
    userId: s.userId,
    email: s.email,
    name: s.name,
    licenseType: s.licenseType,
    active: s.active,
    admin: s.admin,
    owner: s.owner,
    paid: s.paid,
    connectedAccount: s.userId === options.connectedUserId,
    startedAt: s.startedAt,
    lastActivityAt: s.lastActivityAt,
    firstSeenAt: options.now.toISOString(),
    lastSeenAt: options.now.toISOString(),
    ...(s.reclaimRef ? { reclaimRef: s.reclaimRef } : {}),
  }));
  return computeCandidates({
    subscriptions,
    rules: [ruleFor()],
    exclusions: [],
    entitlements: [],
    previous: [],
    now: options.now.toISOString(),
    analysisStart: options.analysisStart.toISOString(),
    activityAvailable: true,
  });
}

/**
 * The candidates by the rule, from the seed: seat holders not pending cancellation, not the
 * connected owner, whose last use (or, with none recorded, seat grant or analysis start) is
 * at least 90 days back.
 */
export function expectedCandidateLogins(members: GithubSeedMember[], ownerLogin: string, now: Date, analysisStart: Date): string[] {
  return members
    .filter((m) => m.seat && !m.seat.pendingCancellationDate && m.login !== ownerLogin)
    .filter((m) => {
      const last = lastUseMs(m.seat!);
      const since = last === last ? last : Math.max(Date.parse(m.seat!.createdAt), analysisStart.getTime());
      return Math.floor((now.getTime() - since) / DAY) >= THRESHOLD;
    })
    .map((m) => m.login);
}

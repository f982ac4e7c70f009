/**
 * A simulated Asana organisation, reproducible from (seed, users, now). Tests recompute the
 * expected seats and last logins from this data, never from the connector.
 */
import { generatePeople, Rng, startOfUtcDay } from '../../simulator-kit/index.js';
import { AUDIT_RETENTION_DAYS, BILLING_PAUSED, BILLING_UNPAUSED } from '../api.js';

export { AUDIT_RETENTION_DAYS, BILLING_PAUSED, BILLING_UNPAUSED };

const DAY_MS = 86_400_000;

export interface AsanaSeedOptions {
  seed?: number;
  /** Members, the connected admin included. */
  users?: number;
  guestFraction?: number;
  viewOnlyFraction?: number;
  /** Deactivated memberships (is_active false). */
  inactiveFraction?: number;
  adminFraction?: number;
  /** Active members with no login in the audit log's 90 days. */
  neverLoggedInFraction?: number;
  /**
   * Active full members whose license an admin paused (domain_user_billing_paused) within
   * the audit log's 90 days. Of those, about one in five was unpaused again by an admin
   * (domain_user_billing_unpaused) and one in five logged back in, which restores billing on
   * its own. Default 0: the organisation is the same as before pauses were modelled.
   */
  pausedFraction?: number;
  /** Reference instant; default the start of the current UTC day. */
  now?: Date;
  domain?: string;
}

export interface AsanaSeedMember {
  userGid: string;
  membershipGid: string;
  name: string;
  email: string;
  isActive: boolean;
  isAdmin: boolean;
  isGuest: boolean;
  isViewOnly: boolean;
  createdAt: string;
  recentJoiner: boolean;
}

export type AsanaSeedEventType = 'user_login_succeeded' | 'user_login_failed' | typeof BILLING_PAUSED | typeof BILLING_UNPAUSED;

export interface AsanaSeedEvent {
  gid: string;
  createdAt: string;
  eventType: AsanaSeedEventType;
  actorGid: string;
  /** The user the event is about when that is not the actor: the member an admin paused. */
  resourceGid?: string;
}

export interface AsanaOrg {
  now: string;
  workspace: { gid: string; name: string };
  /** The user the simulator's token belongs to: member 0, an active admin. */
  meGid: string;
  members: AsanaSeedMember[];
  /** Audit log events, ascending by createdAt. */
  events: AsanaSeedEvent[];
}

export function seedAsanaOrg(options: AsanaSeedOptions = {}): AsanaOrg {
  const seed = options.seed ?? 1;
  const count = Math.max(1, options.users ?? 250);
  const now = options.now ?? startOfUtcDay();
  const domain = options.domain ?? 'acme.example';
  const rng = new Rng(seed);
  const roles = rng.fork('asana:roles');
  const logins = rng.fork('asana:logins');
  const gidBase = 1_200_000_000_000_000 + rng.fork('asana:gids').int(0, 99_999) * 10_000_000;

  const people = generatePeople({ seed, count, now, domain });
  const members = people.map((p, i): AsanaSeedMember => {
    const me = i === 0;
    // Draw every role for everyone so one fraction changing does not reshuffle the others.
    const guest = roles.chance(options.guestFraction ?? 0.12);
    const viewOnly = roles.chance(options.viewOnlyFraction ?? 0.08);
    const inactive = roles.chance(options.inactiveFraction ?? 0.04);
    const admin = roles.chance(options.adminFraction ?? 0.02);
    const isGuest = !me && guest;
    return {
      userGid: String(gidBase + 2 * i + 1),
      membershipGid: String(gidBase + 5_000_000 + i),
      name: p.name,
      // Guests come from outside the organisation's domain, as in real Asana orgs.
      email: isGuest ? p.email.replace(`@${domain}`, '@partner.example') : p.email,
      isActive: me || !inactive,
      isAdmin: me || (!isGuest && admin),
      isGuest,
      isViewOnly: !me && !isGuest && viewOnly,
      createdAt: p.createdAt,
      recentJoiner: p.recentJoiner,
    };
  });

  const windowStart = now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS;
  // Numbers, not ISO strings, while sorting: 600k events sort in a fraction of the time.
  const drafts: Array<{ at: number; member: number; eventType: AsanaSeedEventType; actor?: number }> = [];
  const lastLogin = new Map<number, number>();
  for (const [i, m] of members.entries()) {
    const never = logins.chance(options.neverLoggedInFraction ?? 0.15);
    const howMany = logins.int(1, 6);
    const failed = logins.chance(0.1);
    if (!m.isActive || (never && i !== 0)) continue;
    const from = new Date(Math.max(windowStart, Date.parse(m.createdAt)));
    for (let n = 0; n < howMany; n++) {
      const at = logins.dateBetween(from, now).getTime();
      drafts.push({ at, member: i, eventType: 'user_login_succeeded' });
      lastLogin.set(i, Math.max(lastLogin.get(i) ?? 0, at));
    }
    // Failed logins are noise the connector must filter out with event_type.
    if (failed) drafts.push({ at: logins.dateBetween(from, now).getTime(), member: i, eventType: 'user_login_failed' });
  }
  drafts.push(...billingDrafts(rng.fork('asana:billing'), members, options.pausedFraction ?? 0, { windowStart, now: now.getTime(), lastLogin }));
  drafts.sort((a, b) => a.at - b.at || a.member - b.member);
  const events = drafts.map((e, i): AsanaSeedEvent => {
    const subject = (members[e.member] as AsanaSeedMember).userGid;
    const event: AsanaSeedEvent = {
      gid: String(gidBase + 8_000_000 + i),
      createdAt: new Date(e.at).toISOString(),
      eventType: e.eventType,
      actorGid: e.actor === undefined ? subject : (members[e.actor] as AsanaSeedMember).userGid,
    };
    if (e.actor !== undefined) event.resourceGid = subject;
    return event;
  });

  return {
    now: now.toISOString(),
    workspace: { gid: String(gidBase), name: 'Acme Corporation' },
    meGid: members[0]?.userGid ?? '',
    members,
    events,
  };
}

/**
 * Pauses by the connected admin (member 0): after the member's last login, so the pause is
 * what they are left in, unless the draw then unpauses them or has them log back in.
 */
function billingDrafts(
  draw: Rng,
  members: AsanaSeedMember[],
  fraction: number,
  window: { windowStart: number; now: number; lastLogin: Map<number, number> },
): Array<{ at: number; member: number; eventType: AsanaSeedEventType; actor?: number }> {
  const out: Array<{ at: number; member: number; eventType: AsanaSeedEventType; actor?: number }> = [];
  if (fraction <= 0) return out;
  for (const [i, m] of members.entries()) {
    const paused = draw.chance(fraction);
    const after = draw.next();
    if (i === 0 || !paused || !m.isActive || m.isGuest || m.isViewOnly) continue;
    const from = Math.max(window.windowStart, Date.parse(m.createdAt), (window.lastLogin.get(i) ?? 0) + 1);
    if (from >= window.now) continue;
    const pausedAt = draw.dateBetween(new Date(from), new Date(window.now)).getTime();
    out.push({ at: pausedAt, member: i, eventType: BILLING_PAUSED, actor: 0 });
    if (after >= 0.6 && pausedAt + 1 < window.now) {
      const later = draw.dateBetween(new Date(pausedAt + 1), new Date(window.now)).getTime();
      out.push(after < 0.8 ? { at: later, member: i, eventType: BILLING_UNPAUSED, actor: 0 } : { at: later, member: i, eventType: 'user_login_succeeded' });
    }
  }
  return out;
}

/**
 * What a connector that cannot read billing pauses concludes from the seed (a personal access
 * token, or a plan without the audit log): full active members are paid.
 */
export function isPaidSeat(m: AsanaSeedMember): boolean {
  return m.isActive && !m.isGuest && !m.isViewOnly;
}

/**
 * Members whose billing is paused now, by Asana's rules: the latest of paused/unpaused wins,
 * and signing in after a pause restores billing (Asana Help, "Pause a member's license").
 */
export function billingPausedGids(org: Pick<AsanaOrg, 'events'>): Set<string> {
  const pausedAt = new Map<string, string>();
  for (const e of org.events) {
    const who = e.resourceGid ?? e.actorGid;
    if (e.eventType === BILLING_PAUSED) pausedAt.set(who, e.createdAt);
    else if (e.eventType === BILLING_UNPAUSED) pausedAt.delete(who);
    else if (e.eventType === 'user_login_succeeded' && pausedAt.has(who)) pausedAt.delete(who);
  }
  return new Set(pausedAt.keys());
}

/** What Seatwise should conclude with a service account token that reads the audit log. */
export function isBilledSeat(org: Pick<AsanaOrg, 'events'>): (m: AsanaSeedMember) => boolean {
  const paused = billingPausedGids(org);
  return (m) => isPaidSeat(m) && !paused.has(m.userGid);
}

/** Latest successful login per user gid at or after `since`. */
export function lastLogins(org: AsanaOrg, since: Date): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of org.events) {
    if (e.eventType !== 'user_login_succeeded' || Date.parse(e.createdAt) < since.getTime()) continue;
    const prev = out.get(e.actorGid);
    if (!prev || prev < e.createdAt) out.set(e.actorGid, e.createdAt);
  }
  return out;
}

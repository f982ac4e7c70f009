/**
 * A simulated Asana organisation, reproducible from (seed, users, now). Tests recompute the
 * expected seats and last logins from this data, never from the connector.
 */
import { generatePeople, Rng, startOfUtcDay } from '../simulator-kit/index.js';

const DAY_MS = 86_400_000;
/** Asana keeps audit log events for 90 days. */
export const AUDIT_RETENTION_DAYS = 90;

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

export type AsanaSeedEventType = 'user_login_succeeded' | 'user_login_failed';

export interface AsanaSeedEvent {
  gid: string;
  createdAt: string;
  eventType: AsanaSeedEventType;
  actorGid: string;
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
  const drafts: Array<{ at: number; member: number; eventType: AsanaSeedEventType }> = [];
  for (const [i, m] of members.entries()) {
    const never = logins.chance(options.neverLoggedInFraction ?? 0.15);
    const howMany = logins.int(1, 6);
    const failed = logins.chance(0.1);
    if (!m.isActive || (never && i !== 0)) continue;
    const from = new Date(Math.max(windowStart, Date.parse(m.createdAt)));
    for (let n = 0; n < howMany; n++) {
      drafts.push({ at: logins.dateBetween(from, now).getTime(), member: i, eventType: 'user_login_succeeded' });
    }
    // Failed logins are noise the connector must filter out with event_type.
    if (failed) drafts.push({ at: logins.dateBetween(from, now).getTime(), member: i, eventType: 'user_login_failed' });
  }
  drafts.sort((a, b) => a.at - b.at || a.member - b.member);
  const events = drafts.map(
    (e, i): AsanaSeedEvent => ({
      gid: String(gidBase + 8_000_000 + i),
      createdAt: new Date(e.at).toISOString(),
      eventType: e.eventType,
      actorGid: (members[e.member] as AsanaSeedMember).userGid,
    }),
  );

  return {
    now: now.toISOString(),
    workspace: { gid: String(gidBase), name: 'Acme Corporation' },
    meGid: members[0]?.userGid ?? '',
    members,
    events,
  };
}

/** What Seatwise should conclude from the seed: the reference the tests compare against. */
export function isPaidSeat(m: AsanaSeedMember): boolean {
  return m.isActive && !m.isGuest && !m.isViewOnly;
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

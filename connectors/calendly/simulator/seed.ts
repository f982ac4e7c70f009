/**
 * A simulated Calendly organization, reproducible from (seed, size, now): one owner, a few
 * admins, users, recent joiners, unicode names, activity log entries and scheduled events.
 * Tests recompute the expected seats and last activity from this alone.
 *
 * URIs use https://api.calendly.com, like the real API, whatever port the simulator runs on:
 * ids stay the same across simulator restarts (the demo re-points its profile at a new port
 * each start and must see the same people).
 */
import { generatePeople, Rng, startOfUtcDay, type Person } from '../../simulator-kit/index.js';

export const CALENDLY_URI_ORIGIN = 'https://api.calendly.com';
const DAY_MS = 86_400_000;

export type CalendlyRole = 'owner' | 'admin' | 'user';

export interface CalendlyMember {
  person: Person;
  role: CalendlyRole;
  userUuid: string;
  userUri: string;
  membershipUuid: string;
  membershipUri: string;
  slug: string;
  timezone: string;
  /** When the membership was created (the seat was granted), ISO 8601. */
  createdAt: string;
}

export interface CalendlyLogEntry {
  uri: string;
  occurredAt: string;
  /** Undefined for entries by "Calendly System". */
  actorUri?: string;
  actorName: string;
  actorEmail?: string;
  actorRole?: CalendlyRole;
  namespace: string;
  action: string;
}

export interface CalendlyScheduledEvent {
  uri: string;
  userUri: string;
  name: string;
  status: 'active' | 'canceled';
  startTime: string;
  endTime: string;
  createdAt: string;
}

export interface CalendlyOrg {
  uuid: string;
  uri: string;
  name: string;
  /** The reference instant everything was generated around. */
  now: Date;
  members: CalendlyMember[];
  /** Newest first, like the API's default sort. */
  activityLog: CalendlyLogEntry[];
  events: CalendlyScheduledEvent[];
}

export interface CalendlySeedOptions {
  seed: number;
  size: number;
  now?: Date;
  domain?: string;
}

const TIMEZONES = ['America/New_York', 'Europe/Oslo', 'Europe/Madrid', 'Asia/Shanghai', 'Asia/Tokyo', 'Africa/Lagos', 'America/Sao_Paulo'];
const LOG_ACTIONS: ReadonlyArray<[string, string]> = [
  ['User', 'Login'],
  ['EventType', 'Create'],
  ['EventType', 'Update'],
  ['Availability', 'Update'],
  ['User', 'Update'],
];
const EVENT_NAMES = ['15 Minute Meeting', '30 Minute Meeting', 'Intro call', 'Demo', 'Quarterly review', 'Onboarding'];

export function seedCalendlyOrg(options: CalendlySeedOptions): CalendlyOrg {
  const { seed, size } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`A Calendly organization needs at least its owner (size >= 1), got ${size}`);
  const now = options.now ?? startOfUtcDay();
  const people = generatePeople({ seed, count: size, now, domain: options.domain ?? 'example.com' });
  const ids = new UuidSource(new Rng(seed).fork('calendly:ids'));
  const roleRng = new Rng(seed).fork('calendly:roles');
  const orgUuid = ids.next();

  const members = people.map((person, index): CalendlyMember => {
    // The first person owns the organization; about one in twelve others is an admin.
    const role: CalendlyRole = index === 0 ? 'owner' : roleRng.chance(1 / 12) ? 'admin' : 'user';
    const userUuid = ids.next();
    const membershipUuid = ids.next();
    return {
      person,
      role,
      userUuid,
      userUri: `${CALENDLY_URI_ORIGIN}/users/${userUuid}`,
      membershipUuid,
      membershipUri: `${CALENDLY_URI_ORIGIN}/organization_memberships/${membershipUuid}`,
      slug: person.email.split('@')[0]?.replace(/\./g, '-') ?? `user-${index}`,
      timezone: roleRng.pick(TIMEZONES),
      createdAt: person.createdAt,
    };
  });
  // Reclaim tests need an admin who is neither the owner nor a plain user.
  if (members.length > 1 && !members.some((m) => m.role === 'admin')) (members[1] as CalendlyMember).role = 'admin';

  const owner = members[0] as CalendlyMember;
  return {
    uuid: orgUuid,
    uri: `${CALENDLY_URI_ORIGIN}/organizations/${orgUuid}`,
    name: `${owner.person.familyName} & Partners`,
    now,
    members,
    // Own id streams per concern, so changing how activity is drawn never renames events.
    activityLog: seedActivityLog(seed, members, now, new UuidSource(new Rng(seed).fork('calendly:activity-ids'))),
    events: seedEvents(seed, members, now, new UuidSource(new Rng(seed).fork('calendly:event-ids'))),
  };
}

/** Last activity spread so a 60-day threshold splits the organization: recent, borderline, stale, none. */
function seedActivityLog(seed: number, members: CalendlyMember[], now: Date, ids: UuidSource): CalendlyLogEntry[] {
  const rng = new Rng(seed).fork('calendly:activity');
  const entries: CalendlyLogEntry[] = [];
  for (const m of members) {
    const kind = rng.next();
    const joined = Date.parse(m.createdAt);
    if (kind < 0.15) continue; // never active in the log
    const daysAgo = kind < 0.65 ? rng.int(0, 20) : kind < 0.75 ? rng.int(40, 59) : rng.int(61, 150);
    const latest = Math.max(joined, now.getTime() - daysAgo * DAY_MS - rng.int(0, DAY_MS - 1));
    const count = rng.int(1, 4);
    for (let i = 0; i < count; i++) {
      const at = i === 0 ? latest : Math.max(joined, latest - rng.int(1, 30) * DAY_MS);
      const [namespace, action] = rng.pick(LOG_ACTIONS);
      entries.push({
        uri: `${CALENDLY_URI_ORIGIN}/activity_log_entries/${ids.next()}`,
        occurredAt: new Date(at).toISOString(),
        actorUri: m.userUri,
        actorName: m.person.name,
        actorEmail: m.person.email,
        actorRole: m.role,
        namespace,
        action,
      });
    }
  }
  // A few system entries: they name no user and must not count as anyone's activity.
  for (let i = 0; i < Math.max(1, Math.floor(members.length / 20)); i++) {
    entries.push({
      uri: `${CALENDLY_URI_ORIGIN}/activity_log_entries/${ids.next()}`,
      occurredAt: new Date(now.getTime() - rng.int(0, 90) * DAY_MS).toISOString(),
      actorName: 'Calendly System',
      namespace: 'Organization',
      action: 'Update',
    });
  }
  // ISO strings of one format sort like their instants: no date parsing in the comparator.
  return entries.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : a.uri < b.uri ? -1 : 1));
}

/** Some members have no events; others' latest is recent, old, or still upcoming. */
function seedEvents(seed: number, members: CalendlyMember[], now: Date, ids: UuidSource): CalendlyScheduledEvent[] {
  const rng = new Rng(seed).fork('calendly:events');
  const events: CalendlyScheduledEvent[] = [];
  for (const m of members) {
    if (rng.chance(0.25)) continue;
    const joined = Date.parse(m.createdAt);
    // Latest start between 150 days ago and 14 days ahead (an upcoming meeting).
    const latest = Math.max(joined, now.getTime() + rng.int(-150 * 24, 14 * 24) * 3_600_000);
    const count = rng.int(1, 5);
    for (let i = 0; i < count; i++) {
      const start = i === 0 ? latest : Math.max(joined, latest - rng.int(1, 60) * DAY_MS);
      events.push({
        uri: `${CALENDLY_URI_ORIGIN}/scheduled_events/${ids.next()}`,
        userUri: m.userUri,
        name: rng.pick(EVENT_NAMES),
        status: rng.chance(0.1) ? 'canceled' : 'active',
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + 30 * 60_000).toISOString(),
        createdAt: new Date(Math.max(joined, start - rng.int(1, 14) * DAY_MS)).toISOString(),
      });
    }
  }
  return events;
}

/** Calendly-looking ids (16 upper-case letters), unique per source. */
export class UuidSource {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      let id = '';
      // Four letters per draw (26^4 < 2^32): a million-entry organization seeds in seconds.
      for (let i = 0; i < 4; i++) {
        let n = Math.floor(this.rng.next() * 456_976);
        for (let j = 0; j < 4; j++, n = Math.floor(n / 26)) id += String.fromCharCode(65 + (n % 26));
      }
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

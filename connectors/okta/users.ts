/**
 * Okta users: the listing (every status) and what it means for Seatwise, as a directory
 * person and as a seat.
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import type { DirectoryPerson, DirectoryStatus, SeatRecord } from '../types.js';
import { eq, OKTA_USER_STATUSES, OKTA_USERS_PAGE_MAX, oktaPath, userSchema, type OktaUser } from './api.js';
import { OKTA_LICENSE_TYPE } from './descriptor.js';
import { oktaPages } from './pages.js';

const LABEL = 'GET /api/v1/users';

/**
 * The plain listing leaves DEPROVISIONED users out, and `search` reads an eventually
 * consistent index; a `filter` on status is current and returns deactivated users too. Every
 * status is named so the listing is complete in one pass, with one cursor.
 */
export const ALL_USERS_FILTER = OKTA_USER_STATUSES.map((s) => eq('status', s)).join(' or ');

/**
 * Okta's lifecycle, read as "does this person still work here":
 * - ACTIVE, PASSWORD_EXPIRED (must set a new password at the next sign-in), LOCKED_OUT (too many
 *   failed sign-ins, unlocks itself or by an admin) and RECOVERY (a password reset under way) are
 *   people who work here: 'active'.
 * - STAGED (created, not activated) and PROVISIONED (activated, the person has not finished
 *   setting up their account) are joiners who have never signed in. They are 'active', because
 *   the status is what marks leavers: calling a joiner suspended or deprovisioned would make
 *   their new seats look like a leaver's. Their missing lastLogin already says "never signed in".
 * - SUSPENDED: an admin blocked sign-in, reversibly: 'suspended'.
 * - DEPROVISIONED: deactivated, the person left: 'deprovisioned'.
 * A status Okta adds later counts as 'active' for the same reason as joiners: an unknown word is
 * never taken as a reason to reclaim.
 */
export function directoryStatus(status: string): DirectoryStatus {
  switch (status) {
    case 'SUSPENDED':
      return 'suspended';
    case 'DEPROVISIONED':
      return 'deprovisioned';
    default:
      return 'active';
  }
}

/** An ISO 8601 instant, or undefined when Okta sends none; a value that is not a date is a vendor fault. */
export function oktaDate(value: string | null | undefined, field: string, label: string): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ConnectorError('malformed', `Okta returned a ${field} that is not a date (${label}).`);
  return new Date(ms).toISOString();
}

function nameOf(u: OktaUser): string {
  const display = u.profile?.displayName?.trim();
  if (display) return display;
  return [u.profile?.firstName, u.profile?.lastName].map((part) => part?.trim()).filter(Boolean).join(' ');
}

/** The primary email; the login (also an email address by default) when the profile has none. */
function emailOf(u: OktaUser): string {
  return (u.profile?.email?.trim() || u.profile?.login?.trim()) ?? '';
}

export function userToPerson(u: OktaUser): DirectoryPerson {
  const person: DirectoryPerson = { userId: u.id, email: emailOf(u), name: nameOf(u), status: directoryStatus(u.status) };
  const lastLoginAt = oktaDate(u.lastLogin, 'lastLogin', LABEL);
  const statusChangedAt = oktaDate(u.statusChanged, 'statusChanged', LABEL);
  if (lastLoginAt) person.lastLoginAt = lastLoginAt;
  if (statusChangedAt) person.statusChangedAt = statusChangedAt;
  return person;
}

/** Okta bills per user: everyone not deactivated holds one paid "Okta user" seat. */
export function userToSeat(u: OktaUser): SeatRecord {
  const active = u.status !== 'DEPROVISIONED';
  const seat: SeatRecord = {
    userId: u.id,
    email: emailOf(u),
    name: nameOf(u),
    licenseType: OKTA_LICENSE_TYPE,
    active,
    // The user list carries no admin roles; reading them is a call per user.
    admin: false,
    owner: false,
    paid: active,
  };
  const startedAt = oktaDate(u.created, 'created', LABEL);
  const lastActivityAt = oktaDate(u.lastLogin, 'lastLogin', LABEL);
  if (startedAt) seat.startedAt = startedAt;
  if (lastActivityAt) seat.lastActivityAt = lastActivityAt;
  return seat;
}

/** Every Okta user, in Okta's order; a user listed twice stops the listing instead of counting twice. */
export async function* oktaUsers(http: HttpClient, signal: AbortSignal): AsyncGenerator<OktaUser[]> {
  const seen = new Set<string>();
  for await (const page of oktaPages({
    http,
    first: oktaPath('/api/v1/users', { filter: ALL_USERS_FILTER, limit: OKTA_USERS_PAGE_MAX }),
    item: userSchema,
    what: 'users',
    limit: OKTA_USERS_PAGE_MAX,
    signal,
  })) {
    for (const u of page) {
      if (seen.has(u.id)) {
        throw new ConnectorError('malformed', `Okta listed the same user twice (${LABEL}); stopped instead of counting a person twice. Try again later.`);
      }
      seen.add(u.id);
    }
    yield page;
  }
}

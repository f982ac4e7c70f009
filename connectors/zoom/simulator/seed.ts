/**
 * A simulated Zoom account, reproducible from (seed, users, now): Licensed and Basic users,
 * a few of the other user types, deactivated and pending users, the account owner and admins,
 * last sign-ins, and optional "margin" users signed in exactly N days ago for threshold tests.
 * Tests recompute the expected seats from this data, never from the connector.
 */
import { generatePeople, Rng, startOfUtcDay } from '../../simulator-kit/index.js';

const DAY_MS = 86_400_000;
/** How far back a drawn last sign-in goes. */
const LOGIN_HISTORY_DAYS = 400;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type ZoomUserStatus = 'active' | 'inactive' | 'pending';

/** Zoom's user types: 1 Basic, 2 Licensed, 4 Unassigned without Meetings Basic, 99 None. */
export const ZOOM_TYPE = { basic: 1, licensed: 2, unassigned: 4, none: 99 } as const;
/** Zoom's built-in role ids. */
export const ZOOM_ROLE = { owner: '0', admin: '1', member: '2' } as const;

export interface ZoomSeedOptions {
  seed?: number;
  /** Users drawn, the owner included (margin users come on top). */
  users?: number;
  /** Reference instant; default the start of the current UTC day. */
  now?: Date;
  domain?: string;
  /** The account id; drawn from the seed when absent. */
  accountId?: string;
  /** Share of users who are Basic (free). */
  basicFraction?: number;
  /** Share of users of type 4 ("Unassigned without Meetings Basic") or 99 (None), half each. */
  otherTypeFraction?: number;
  /** Deactivated users (status inactive): absent from GET /users?status=active. */
  inactiveFraction?: number;
  /** Invited users who have not accepted (status pending). */
  pendingFraction?: number;
  adminFraction?: number;
  /** Active users with no last_login_time at all. */
  neverLoggedInFraction?: number;
  /** Active Licensed members signed in exactly this many days before `now`, appended in order. */
  marginDays?: number[];
  /** Licenses in the plan (plan_base.hosts); default the Licensed users holding one plus 10. */
  licenses?: number;
}

export interface ZoomSeedUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  type: number;
  status: ZoomUserStatus;
  roleId: string;
  /** user_created_at, ISO 8601 without milliseconds like Zoom's. */
  createdAt: string;
  lastLoginTime?: string;
  pmi: number;
  timezone: string;
  dept: string;
  /** Position in the draw; margin users carry their margin in days instead of a drawn login. */
  marginDays?: number;
}

export interface ZoomOrg {
  accountId: string;
  now: string;
  /** The owner: user 0, active and Licensed; GET /users/me answers with them. */
  ownerId: string;
  users: ZoomSeedUser[];
  licenses: number;
}

/** Zoom writes instants without milliseconds: 2024-05-01T09:30:00Z. */
export function zoomTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function zoomId(rng: Rng): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += ID_ALPHABET[rng.int(0, ID_ALPHABET.length - 1)];
  return id;
}

const TIMEZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata'];
const DEPTS = ['Engineering', 'Sales', 'Support', 'Finance', 'Marketing', ''];

export function seedZoomOrg(options: ZoomSeedOptions = {}): ZoomOrg {
  const seed = options.seed ?? 1;
  const count = Math.max(1, options.users ?? 250);
  const margins = options.marginDays ?? [];
  const now = options.now ?? startOfUtcDay();
  const nowMs = now.getTime();
  const domain = options.domain ?? 'acme.example';
  const rng = new Rng(seed);
  const ids = rng.fork('zoom:ids');
  const roles = rng.fork('zoom:roles');
  const logins = rng.fork('zoom:logins');
  const details = rng.fork('zoom:details');
  const accountId = options.accountId ?? zoomId(rng.fork('zoom:account'));

  const people = generatePeople({ seed, count: count + margins.length, now, domain });
  const users = people.map((p, i): ZoomSeedUser => {
    const owner = i === 0;
    const margin = i >= count ? margins[i - count] : undefined;
    // Every draw happens for everyone, so one fraction changing does not reshuffle the others.
    const basic = roles.chance(options.basicFraction ?? 0.25);
    const other = roles.chance(options.otherTypeFraction ?? 0.03);
    const otherKind = roles.chance(0.5);
    const inactive = roles.chance(options.inactiveFraction ?? 0.06);
    const pending = roles.chance(options.pendingFraction ?? 0.03);
    const admin = roles.chance(options.adminFraction ?? 0.03);
    const deactivatedKeepsLicense = roles.chance(0.1);
    const never = logins.chance(options.neverLoggedInFraction ?? 0.1);
    const loginDraw = logins.next();
    const id = zoomId(ids);
    const status: ZoomUserStatus = owner || margin !== undefined ? 'active' : inactive ? 'inactive' : pending ? 'pending' : 'active';
    let type: number = other ? (otherKind ? ZOOM_TYPE.unassigned : ZOOM_TYPE.none) : basic ? ZOOM_TYPE.basic : ZOOM_TYPE.licensed;
    if (owner || margin !== undefined) type = ZOOM_TYPE.licensed;
    // Zoom usually takes the license back when a user is deactivated; a few keep it.
    if (status === 'inactive' && type === ZOOM_TYPE.licensed && !deactivatedKeepsLicense) type = ZOOM_TYPE.basic;
    const createdMs = margin !== undefined ? nowMs - 2 * 365 * DAY_MS : Date.parse(p.createdAt);
    const user: ZoomSeedUser = {
      id,
      email: p.email,
      firstName: p.givenName,
      lastName: p.familyName,
      displayName: p.name,
      type,
      status,
      roleId: owner ? ZOOM_ROLE.owner : admin && margin === undefined ? ZOOM_ROLE.admin : ZOOM_ROLE.member,
      createdAt: zoomTime(createdMs),
      pmi: 1_000_000_000 + details.int(0, 8_999_999_999),
      timezone: details.pick(TIMEZONES),
      dept: details.pick(DEPTS),
    };
    if (margin !== undefined) {
      user.marginDays = margin;
      user.lastLoginTime = zoomTime(nowMs - margin * DAY_MS);
    } else if (status !== 'pending' && (owner || !never)) {
      const from = Math.max(createdMs, nowMs - LOGIN_HISTORY_DAYS * DAY_MS);
      user.lastLoginTime = zoomTime(from + Math.floor(loginDraw * (nowMs - from)));
    }
    return user;
  });

  const holding = users.filter(holdsLicense).length;
  return {
    accountId,
    now: now.toISOString(),
    ownerId: users[0]?.id ?? '',
    users,
    licenses: options.licenses ?? holding + 10,
  };
}

/** A user counted in the plan's usage: Licensed and not deactivated. */
export function holdsLicense(u: Pick<ZoomSeedUser, 'type' | 'status'>): boolean {
  return u.type === ZOOM_TYPE.licensed && u.status !== 'inactive';
}

/** What Seatwise should call a paid seat: an active Licensed user. */
export function isPaidSeat(u: Pick<ZoomSeedUser, 'type' | 'status'>): boolean {
  return u.type === ZOOM_TYPE.licensed && u.status === 'active';
}

/**
 * A simulated Salesforce org, reproducible from (seed, users, now). Tests recompute the
 * expected seats and license counts from this data, never from the connector.
 */
import { generatePeople, Rng, startOfUtcDay } from '../../simulator-kit/index.js';
import { SALESFORCE_FREE_LICENSE_TYPES, SALESFORCE_LICENSE_TYPES as L } from '../descriptor.js';
import { salesforceId } from './ids.js';

const DAY_MS = 86_400_000;

export type SalesforceUserType = 'Standard' | 'CsnOnly' | 'Guest';

export interface SalesforceSeedProfile {
  id: string;
  name: string;
  licenseName: string;
  userType: SalesforceUserType;
  /** PermissionsManageUsers ("Manage Users"), which brings Manage Internal Users and Freeze Users with it. */
  manageUsers: boolean;
}

/** A permission set assigned on top of the profile (an integration user's "Seatwise Reclaim"). */
export interface SalesforceSeedPermissionSet {
  id: string;
  name: string;
  /** PermissionsManageUsers: "Manage Users". */
  manageUsers: boolean;
  /** PermissionsManageInternalUsers: "Manage Internal Users", what deactivating users needs. */
  manageInternalUsers: boolean;
  /** PermissionsFreezeUsers: "Freeze Users". */
  freezeUsers: boolean;
}

export interface SalesforceSeedUser {
  id: string;
  username: string;
  email: string;
  name: string;
  isActive: boolean;
  userType: SalesforceUserType;
  profileId: string;
  profileName: string;
  licenseName: string;
  /** ISO 8601, or null for a user who never logged in. */
  lastLoginDate: string | null;
  createdDate: string;
  /** From the profile; a test may take it away from the connected user. */
  manageUsers: boolean;
  /** Assigned beyond the profile's own permission set. */
  permissionSets: SalesforceSeedPermissionSet[];
  /** The user's UserLogin record, where Salesforce keeps "frozen"; null: the org has none for them. */
  userLoginId: string | null;
  /** UserLogin.IsFrozen: cannot sign in, but still active and holding the license. */
  isFrozen: boolean;
  recentJoiner: boolean;
}

/** What a user may do to other users, from the profile and every permission set, as Salesforce adds them up. */
export function userPermissions(u: SalesforceSeedUser): { manageUsers: boolean; manageInternalUsers: boolean; freezeUsers: boolean } {
  const manageUsers = u.manageUsers || u.permissionSets.some((p) => p.manageUsers);
  // Salesforce turns on what Manage Users requires, Manage Internal Users and Freeze Users among them.
  return {
    manageUsers,
    manageInternalUsers: manageUsers || u.permissionSets.some((p) => p.manageInternalUsers),
    freezeUsers: manageUsers || u.permissionSets.some((p) => p.freezeUsers),
  };
}

export interface SalesforceSeedLicense {
  id: string;
  name: string;
  /** UserLicense.LicenseDefinitionKey, Salesforce's fixed key of the license (SFDC, AUL...). */
  key: string;
  /** Seats the org bought. UsedLicenses is counted live from the active users. */
  total: number;
}

export interface SalesforceOrg {
  now: string;
  orgId: string;
  orgName: string;
  /** The connected (Run As) user: user 0, an active System Administrator. */
  meId: string;
  profiles: SalesforceSeedProfile[];
  users: SalesforceSeedUser[];
  licenses: SalesforceSeedLicense[];
}

export type SalesforceLicenseMix = Partial<Record<string, number>>;

export interface SalesforceSeedOptions {
  seed?: number;
  /** Users, the connected admin included. Default 300. */
  users?: number;
  /** Reference instant; default the start of the current UTC day. */
  now?: Date;
  domain?: string;
  /** Relative weights of the five license types above; default mostly Salesforce, some free. Other names count as Salesforce. */
  licenseMix?: SalesforceLicenseMix;
  /** Deactivated users (IsActive false). Default 0.08. */
  inactiveFraction?: number;
  /** Active users with LastLoginDate null. Default 0.1. */
  neverLoggedInFraction?: number;
  /** Users with a Salesforce license on the System Administrator profile. Default 0.03. */
  adminFraction?: number;
  /** This license type gets fewer TotalLicenses than users on it (an over-allocated org). */
  overAllocatedLicense?: string;
}

export const DEFAULT_LICENSE_MIX: Record<string, number> = {
  [L.salesforce]: 0.55,
  [L.platform]: 0.2,
  [L.chatterFree]: 0.15,
  [L.chatterExternal]: 0.07,
  [L.guest]: 0.03,
};

/** Standard profiles per license; a Salesforce user gets one of the first two unless admin. */
const PROFILE_TABLE: ReadonlyArray<Omit<SalesforceSeedProfile, 'id'>> = [
  { name: 'System Administrator', licenseName: L.salesforce, userType: 'Standard', manageUsers: true },
  { name: 'Standard User', licenseName: L.salesforce, userType: 'Standard', manageUsers: false },
  { name: 'Custom: Sales Profile', licenseName: L.salesforce, userType: 'Standard', manageUsers: false },
  { name: 'Standard Platform User', licenseName: L.platform, userType: 'Standard', manageUsers: false },
  { name: 'Chatter Free User', licenseName: L.chatterFree, userType: 'CsnOnly', manageUsers: false },
  { name: 'Chatter External User', licenseName: L.chatterExternal, userType: 'CsnOnly', manageUsers: false },
  { name: 'Acme Customer Site Profile', licenseName: L.guest, userType: 'Guest', manageUsers: false },
];

/**
 * UserLicense.LicenseDefinitionKey: SFDC and AUL are Salesforce's keys of the Salesforce and
 * Salesforce Platform licenses; the free and extra licenses get keys of the simulator's own.
 */
const LICENSE_KEYS: Record<string, string> = {
  [L.salesforce]: 'SFDC',
  [L.platform]: 'AUL',
};

/** Licenses every org lists even with no users on them. */
const EXTRA_LICENSES: ReadonlyArray<{ name: string; total: number }> = [
  { name: 'Identity', total: 10 },
  { name: 'Salesforce Integration', total: 5 },
];

/** Free licenses come in fixed allowances, whatever the org uses. */
const FREE_ALLOWANCE: Record<string, number> = { [L.chatterFree]: 5000, [L.chatterExternal]: 500, [L.guest]: 25 };

export function seedSalesforceOrg(options: SalesforceSeedOptions = {}): SalesforceOrg {
  const seed = options.seed ?? 1;
  const count = Math.max(1, options.users ?? 300);
  const now = options.now ?? startOfUtcDay();
  const domain = options.domain ?? 'acme.example';
  const rng = new Rng(seed);
  const roles = rng.fork('salesforce:roles');
  const logins = rng.fork('salesforce:logins');
  const totals = rng.fork('salesforce:totals');
  const pod = rng.fork('salesforce:ids').int(0, 3843);
  const id = (prefix: string, n: number): string => salesforceId(prefix, pod, n);

  const profiles = PROFILE_TABLE.map((p, i): SalesforceSeedProfile => ({ id: id('00e', i + 1), ...p }));
  const profile = (name: string): SalesforceSeedProfile => profiles.find((p) => p.name === name) as SalesforceSeedProfile;
  const byLicense = (license: string, admin: boolean, pick: number): SalesforceSeedProfile => {
    if (license === L.salesforce) return admin ? profile('System Administrator') : profile(pick < 0.5 ? 'Standard User' : 'Custom: Sales Profile');
    return profiles.find((p) => p.licenseName === license) ?? profile('Standard User');
  };

  const mix = Object.entries({ ...DEFAULT_LICENSE_MIX, ...options.licenseMix }).filter(([, w]) => (w ?? 0) > 0) as Array<[string, number]>;
  const weight = mix.reduce((sum, [, w]) => sum + w, 0);
  const drawLicense = (r: number): string => {
    let acc = 0;
    for (const [name, w] of mix) {
      acc += w / weight;
      if (r < acc) return name;
    }
    return mix[mix.length - 1]?.[0] ?? L.salesforce;
  };

  const people = generatePeople({ seed, count, now, domain });
  const users = people.map((p, i): SalesforceSeedUser => {
    const me = i === 0;
    // Draw every decision for everyone so one fraction changing does not reshuffle the others.
    const license = me ? L.salesforce : drawLicense(roles.next());
    const admin = me || roles.chance(options.adminFraction ?? 0.03);
    const pick = roles.next();
    const inactive = !me && roles.chance(options.inactiveFraction ?? 0.08);
    const prof = byLicense(license, admin, pick);
    return {
      id: id('005', i + 1),
      username: p.email,
      email: p.email,
      name: p.name,
      isActive: !inactive,
      userType: prof.userType,
      profileId: prof.id,
      profileName: prof.name,
      licenseName: prof.licenseName,
      lastLoginDate: lastLogin(logins, p.createdAt, now, me, prof.userType === 'Guest', options.neverLoggedInFraction ?? 0.1),
      createdDate: p.createdAt,
      manageUsers: prof.manageUsers,
      permissionSets: [],
      userLoginId: id('0Yw', i + 1),
      isFrozen: false,
      recentJoiner: p.recentJoiner,
    };
  });

  const used = usedLicenses(users);
  const licenseNames = [...new Set(PROFILE_TABLE.map((p) => p.licenseName))];
  const licenses: SalesforceSeedLicense[] = [
    ...licenseNames.map((name) => {
      const n = used.get(name) ?? 0;
      const spare = totals.int(0, Math.ceil(n * 0.15) + 2);
      const short = totals.int(1, Math.max(1, Math.ceil(n * 0.05)));
      const total = name === options.overAllocatedLicense ? Math.max(0, n - short) : Math.max(FREE_ALLOWANCE[name] ?? 0, n + spare);
      return { name, total };
    }),
    ...EXTRA_LICENSES,
  ].map((l, i) => ({ id: id('100', i + 1), key: LICENSE_KEYS[l.name] ?? `SIM_${i + 1}`, ...l }));

  return {
    now: now.toISOString(),
    orgId: id('00D', 1),
    orgName: 'Acme Corporation',
    meId: users[0]?.id ?? '',
    profiles,
    users,
    licenses,
  };
}

/** Active users per license name: what Salesforce reports as UsedLicenses. */
export function usedLicenses(users: readonly SalesforceSeedUser[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const u of users) if (u.isActive) out.set(u.licenseName, (out.get(u.licenseName) ?? 0) + 1);
  return out;
}

/** What Seatwise should conclude from the seed: the reference the tests compare against. */
export function isPaidSeat(u: SalesforceSeedUser): boolean {
  return u.isActive && !SALESFORCE_FREE_LICENSE_TYPES.includes(u.licenseName);
}

function lastLogin(rng: Rng, createdAt: string, now: Date, me: boolean, guest: boolean, neverFraction: number): string | null {
  const never = rng.chance(neverFraction);
  const stale = rng.chance(0.3);
  const r = rng.next();
  // Site guests are anonymous visitors: they never log in. The connected admin logged in today.
  if (guest) return null;
  if (me) return new Date(now.getTime() - 3_600_000).toISOString();
  if (never) return null;
  const created = Date.parse(createdAt);
  const recentStart = Math.max(created, now.getTime() - 30 * DAY_MS);
  // Stale logins (over 60 days ago) make inactivity candidates; the rest logged in this month.
  const staleEnd = now.getTime() - 61 * DAY_MS;
  const [from, to] = stale && created < staleEnd ? [created, staleEnd] : [recentStart, now.getTime()];
  return new Date(Math.floor(from + r * (to - from))).toISOString();
}

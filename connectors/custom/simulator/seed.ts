/**
 * A simulated custom-app organisation (used by both the SCIM and the REST app simulators),
 * reproducible from (seed, users, now): tests recompute expected seats from it alone.
 */
import { generatePeople, Rng, startOfUtcDay } from '../../simulator-kit/index.js';

const DAY_MS = 86_400_000;

/** License plans of the simulated app. "Viewer" and "Guest" are free. */
export const CUSTOM_PLANS = ['Pro', 'Business', 'Viewer', 'Guest'] as const;
export type CustomPlan = (typeof CUSTOM_PLANS)[number];
export const CUSTOM_FREE_PLANS: CustomPlan[] = ['Viewer', 'Guest'];

export interface CustomSeedOptions {
  seed?: number;
  users?: number;
  now?: Date;
  domain?: string;
  inactiveFraction?: number;
  /** Users with no role (SCIM falls back to the constant license type). */
  noRoleFraction?: number;
  /** Active users who never signed in. */
  neverSeenFraction?: number;
}

export interface CustomSeedUser {
  id: string;
  userName: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  active: boolean;
  /** Undefined: no role reported. */
  plan?: CustomPlan;
  createdAt: string;
  /** Last sign-in, ISO 8601; undefined when never. */
  lastSeenAt?: string;
}

export interface CustomOrg {
  now: string;
  users: CustomSeedUser[];
}

export function seedCustomOrg(options: CustomSeedOptions = {}): CustomOrg {
  const seed = options.seed ?? 1;
  const now = options.now ?? startOfUtcDay();
  const rng = new Rng(seed);
  const roles = rng.fork('custom:roles');
  const seen = rng.fork('custom:seen');
  const ids = rng.fork('custom:ids');
  const people = generatePeople({ seed, count: Math.max(1, options.users ?? 250), now, domain: options.domain ?? 'acme.example' });
  const users = people.map((p): CustomSeedUser => {
    const inactive = roles.chance(options.inactiveFraction ?? 0.05);
    const noRole = roles.chance(options.noRoleFraction ?? 0.1);
    const plan = roles.pick(['Pro', 'Pro', 'Pro', 'Business', 'Viewer', 'Guest'] as const);
    const never = seen.chance(options.neverSeenFraction ?? 0.1);
    const from = Date.parse(p.createdAt);
    const last = seen.dateBetween(new Date(Math.max(from, now.getTime() - 200 * DAY_MS)), now);
    const hex = ids.int(0, 0xffffff).toString(16).padStart(6, '0');
    return {
      id: `${hex}-${String(p.index + 1).padStart(6, '0')}`,
      userName: p.email,
      name: p.name,
      givenName: p.givenName,
      familyName: p.familyName,
      email: p.email,
      active: !inactive,
      plan: noRole ? undefined : plan,
      createdAt: p.createdAt,
      lastSeenAt: never ? undefined : last.toISOString(),
    };
  });
  return { now: now.toISOString(), users };
}

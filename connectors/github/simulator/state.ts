/**
 * The GitHub simulator's live state: organizations, the tokens it accepts (classic, with
 * scopes; fine-grained, with an organization permission; GitHub App installations), the fault
 * knobs, and GitHub's error body.
 */
import type { SimulatorKnobs } from '../../simulator-kit/index.js';
import type { GithubOrg, GithubSeedMember, SeedUser } from './seed.js';

export type Access = 'read' | 'write';

export interface GithubKnobs extends SimulatorKnobs {
  /** The primary limit per token: requests per window (GitHub: 5,000 an hour) and the status of a refusal. */
  primary: { limit: number; windowMs: number; status: 403 | 429 };
  /**
   * The secondary limit per token: points per window (GitHub: 900 a minute for REST; GET 1
   * point, POST/PATCH/PUT/DELETE 5), refused with this status and Retry-After.
   */
  secondary: { points: number; windowMs: number; status: 403 | 429 };
}

export interface SimToken {
  kind: 'classic' | 'fine_grained' | 'app';
  /** The user the token acts for (none for an app installation). */
  user?: SeedUser;
  /** Classic tokens: the OAuth scopes. */
  scopes: string[];
  /** Fine-grained tokens and apps: the "GitHub Copilot Business" organization permission. */
  copilot?: Access;
  /** Fine-grained tokens: the resource owner; apps: the organizations installed on. */
  orgs: string[];
}

export interface SimOrg {
  org: GithubOrg;
  byLogin: Map<string, GithubSeedMember>;
}

export interface GithubSimState {
  orgs: Map<string, SimOrg>;
  tokens: Map<string, SimToken>;
  clock: () => number;
  knobs: () => GithubKnobs;
  origin: () => string;
  counters: { rateLimited: number; secondaryLimited: number; refusals: number };
}

export const GITHUB_DOCS = {
  rest: 'https://docs.github.com/rest',
  rateLimits: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  secondary: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  seats: 'https://docs.github.com/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-organization',
  details: 'https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-information-and-settings-for-an-organization',
  memberSeat: 'https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-assignment-details-for-a-user',
  cancel: 'https://docs.github.com/rest/copilot/copilot-user-management#remove-users-from-the-copilot-subscription-for-an-organization',
  add: 'https://docs.github.com/rest/copilot/copilot-user-management#add-users-to-the-copilot-subscription-for-an-organization',
  user: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  org: 'https://docs.github.com/rest/orgs/orgs#get-an-organization',
} as const;

/** GitHub's error body (basic-error / validation-error): message, documentation_url, status. */
export function githubErrorBody(status: number, message: string, documentationUrl: string = GITHUB_DOCS.rest, errors?: unknown[]): Record<string, unknown> {
  return { message, documentation_url: documentationUrl, status: String(status), ...(errors ? { errors } : {}) };
}

export function indexOrg(org: GithubOrg): SimOrg {
  return { org, byLogin: new Map(org.members.map((m) => [m.login.toLowerCase(), m])) };
}

/** Owners: the members with the admin role, and the owners from elsewhere. */
export function isOwner(o: SimOrg, login: string): boolean {
  const key = login.toLowerCase();
  return o.byLogin.get(key)?.role === 'admin' || o.org.extraOwners.some((u) => u.login.toLowerCase() === key);
}

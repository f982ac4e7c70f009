/**
 * The GitHub simulator: a real HTTP server following GitHub's REST API for what the Copilot
 * connector uses (at the root, like api.github.com), seeded with one or more reproducible
 * organizations (see seed.ts), with the kit's fault knobs and GitHub's primary and secondary
 * rate limits per token.
 */
import { bearerToken, hashString, json, Rng, startSimulator, type Router, type SimulatorHandle } from '../../simulator-kit/index.js';
import { githubRoutes } from './routes.js';
import { seedGithubOrg, type GithubOrg, type GithubSeedMember, type GithubSeedOptions, type SeedUser } from './seed.js';
import { GITHUB_DOCS, githubErrorBody, indexOrg, type Access, type GithubKnobs, type GithubSimState, type SimToken } from './state.js';

export type { Access, GithubKnobs, GithubSimState, SimToken } from './state.js';
export { GITHUB_DOCS, githubErrorBody } from './state.js';
export { GITHUB_422, GITHUB_API_VERSIONS, GITHUB_DEFAULT_PER_PAGE, GITHUB_MAX_PER_PAGE, USER_AGENT_MESSAGE } from './routes.js';
export { PRIMARY_MESSAGE, SECONDARY_MESSAGE, pointsOf } from './rate-limit.js';
export * from './seed.js';

/** GitHub's documented limits: 5,000 requests an hour per user token; 900 points a minute for REST. */
export const GITHUB_PRIMARY_LIMIT: GithubKnobs['primary'] = { limit: 5000, windowMs: 3_600_000, status: 403 };
export const GITHUB_SECONDARY_LIMIT: GithubKnobs['secondary'] = { points: 900, windowMs: 60_000, status: 403 };

export interface GithubSimulatorOptions extends GithubSeedOptions {
  /** Several organizations behind one simulator; default one from the top-level options. */
  orgs?: GithubSeedOptions[];
  /** The first organization's owner also owns every other organization (one token for all). */
  sharedOwner?: boolean;
  port?: number;
  latencyMs?: number;
  knobs?: Partial<GithubKnobs>;
  /** Clock for the rate limits and new seats; pair with FakeClock in tests. */
  clock?: () => number;
  extendRouter?: (router: Router, state: GithubSimState) => void;
}

export interface GithubOrgHandle {
  login: string;
  org: GithubOrg;
  /** Member 0, an owner holding a seat. */
  owner: GithubSeedMember;
  /** A classic token of the owner with manage_billing:copilot. */
  token: string;
  member(login: string): GithubSeedMember | undefined;
}

export interface TokenOptions {
  kind?: SimToken['kind'];
  /** The user the token acts for; default the first organization's owner (none for an app). */
  user?: SeedUser;
  /** Classic: the scopes; default manage_billing:copilot. */
  scopes?: string[];
  /** Fine-grained and app: the "GitHub Copilot Business" permission; default write. */
  copilot?: Access | null;
  /** Fine-grained: the resource owner; app: the installations; default the first organization. */
  orgs?: string[];
}

export interface GithubSimulatorHandle extends SimulatorHandle<GithubKnobs>, GithubOrgHandle {
  orgs: GithubOrgHandle[];
  state: GithubSimState;
  issueToken(options?: TokenOptions): string;
  counters: GithubSimState['counters'];
}

const PREFIX: Record<SimToken['kind'], string> = { classic: 'ghp_', fine_grained: 'github_pat_', app: 'ghs_' };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function defaultGithubKnobs(overrides: Partial<GithubKnobs> = {}): GithubKnobs {
  return { latencyMs: 0, errorRate: 0, failEveryNth: 0, primary: { ...GITHUB_PRIMARY_LIMIT }, secondary: { ...GITHUB_SECONDARY_LIMIT }, ...overrides };
}

export async function startGithubSimulator(options: GithubSimulatorOptions = {}): Promise<GithubSimulatorHandle> {
  const live: { origin: string; knobs?: GithubKnobs } = { origin: '' };
  const clock = options.clock ?? Date.now;
  const state: GithubSimState = {
    orgs: new Map(),
    tokens: new Map(),
    clock,
    knobs: () => live.knobs ?? defaultGithubKnobs(options.knobs),
    origin: () => live.origin,
    counters: { rateLimited: 0, secondaryLimited: 0, refusals: 0 },
  };
  const seeds = options.orgs ?? [options];
  const orgs: GithubOrg[] = [];
  seeds.forEach((o, i) => {
    const first = orgs[0]?.members[0];
    const extraOwners = [...(o.extraOwners ?? []), ...(options.sharedOwner && first ? [{ login: first.login, id: first.id, name: first.name, email: first.email }] : [])];
    const org = seedGithubOrg({ ...o, seed: o.seed ?? (options.seed ?? 1) + i, now: o.now ?? options.now, extraOwners });
    if (state.orgs.has(org.login.toLowerCase())) throw new RangeError(`Two simulated GitHub organizations share the login ${org.login}`);
    state.orgs.set(org.login.toLowerCase(), indexOrg(org));
    orgs.push(org);
  });

  const draw = new Rng(hashString(orgs.map((o) => o.login).join(','))).fork('github:tokens');
  const issueToken = (o: TokenOptions = {}): string => {
    const kind = o.kind ?? 'classic';
    let secret = '';
    for (let i = 0; i < 36; i++) secret += ALPHABET[draw.int(0, ALPHABET.length - 1)];
    const token = `${PREFIX[kind]}${secret}`;
    const owner = orgs[0]?.members[0];
    const user = kind === 'app' ? undefined : (o.user ?? owner);
    state.tokens.set(token, {
      kind,
      ...(user ? { user: { login: user.login, id: user.id, name: user.name, email: user.email } } : {}),
      scopes: kind === 'classic' ? (o.scopes ?? ['manage_billing:copilot']) : [],
      ...(kind !== 'classic' && o.copilot !== null ? { copilot: o.copilot ?? 'write' } : {}),
      orgs: kind === 'classic' ? [] : (o.orgs ?? [orgs[0]?.login ?? '']),
    });
    return token;
  };

  const router = githubRoutes(state);
  options.extendRouter?.(router, state);
  const handle = await startSimulator<GithubKnobs>({
    name: 'GitHub',
    router,
    port: options.port,
    seed: options.seed,
    clock,
    errorBody: (status, message) => githubErrorBody(status, message === 'No matching route for request' ? 'Not Found' : message),
    guard: (req) => {
      const token = bearerToken(req);
      if (token === undefined) return json(401, githubErrorBody(401, 'Requires authentication', GITHUB_DOCS.rest));
      return state.tokens.has(token) ? undefined : json(401, githubErrorBody(401, 'Bad credentials', GITHUB_DOCS.rest));
    },
    knobs: { ...defaultGithubKnobs(options.knobs), latencyMs: options.latencyMs ?? options.knobs?.latencyMs ?? 0 },
  });
  live.origin = handle.origin;
  live.knobs = handle.knobs;

  const handles = orgs.map((org): GithubOrgHandle => {
    const owner = org.members[0] as GithubSeedMember;
    const byLogin = state.orgs.get(org.login.toLowerCase())?.byLogin;
    return { login: org.login, org, owner, token: issueToken({ user: owner }), member: (login) => byLogin?.get(login.toLowerCase()) };
  });
  const first = handles[0] as GithubOrgHandle;
  return { ...handle, ...first, orgs: handles, state, issueToken, counters: state.counters };
}

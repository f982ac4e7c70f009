/**
 * The Zoom simulator: a real HTTP server following Zoom's API for what the connector uses
 * (under /v2) and its Server-to-Server OAuth token endpoint (/oauth/token), seeded with one or
 * more reproducible accounts (see seed.ts), with the kit's fault knobs and Zoom's own rate
 * limits per account and category.
 */
import {
  bearerToken,
  hashString,
  json,
  Rng,
  startSimulator,
  type Router,
  type SimulatorHandle,
} from '../../simulator-kit/index.js';
import { addTokenRoute, mintToken, ZOOM_TOKEN_PATH } from './oauth.js';
import { ZOOM_BASE_PATH, ZOOM_CODES, zoomRoutes } from './routes.js';
import { seedZoomOrg, zoomId, type ZoomOrg, type ZoomSeedOptions, type ZoomSeedUser } from './seed.js';
import { ALL_ZOOM_SCOPES, indexAccount, zoomErrorBody, type ZoomKnobs, type ZoomSimAccount, type ZoomSimApp, type ZoomSimState } from './state.js';

export type { ZoomCategory, ZoomKnobs, ZoomSimApp, ZoomSimState } from './state.js';
export { ALL_ZOOM_SCOPES } from './state.js';
export { ZOOM_BASE_PATH, ZOOM_CODES, ZOOM_NO_LICENSE } from './routes.js';
export { ZOOM_TOKEN_PATH, ZOOM_TOKEN_TTL_S } from './oauth.js';
export { ZOOM_PAGE_SIZE_MAX, ZOOM_DEFAULT_PAGE_SIZE, ZOOM_PAGE_TOKEN_TTL_MS } from './paging.js';
export { ZOOM_QPS_MESSAGE } from './rate-limit.js';
export * from './seed.js';

/** Zoom's per-second limits for Business, Business Plus, Enterprise and Education accounts. */
export const ZOOM_BUSINESS_QPS: ZoomKnobs['qps'] = { Light: 80, Medium: 60, Heavy: 40 };
/** And for Pro accounts. */
export const ZOOM_PRO_QPS: ZoomKnobs['qps'] = { Light: 30, Medium: 20, Heavy: 10 };

export interface ZoomAccountOptions extends ZoomSeedOptions {
  /** The account's Server-to-Server OAuth app; drawn from the seed when absent, with every scope. */
  app?: Partial<ZoomSimApp>;
  /** An org built elsewhere (shared with a test); otherwise seeded from the options. */
  org?: ZoomOrg;
}

export interface ZoomSimulatorOptions extends ZoomAccountOptions {
  /** Several Zoom accounts behind one simulator; default one account from the top-level options. */
  accounts?: ZoomAccountOptions[];
  port?: number;
  latencyMs?: number;
  knobs?: Partial<ZoomKnobs>;
  /** Clock for tokens, page tokens and rate limits; pair with FakeClock in tests. */
  clock?: () => number;
  extendRouter?: (router: Router, state: ZoomSimState) => void;
}

export interface ZoomAccountHandle {
  accountId: string;
  org: ZoomOrg;
  app: ZoomSimApp;
  /** A bearer token of the account with every scope, that never expires. */
  token: string;
  user(id: string): ZoomSeedUser | undefined;
}

export interface ZoomSimulatorHandle extends SimulatorHandle<ZoomKnobs>, ZoomAccountHandle {
  accounts: ZoomAccountHandle[];
  /** origin + /oauth/token. */
  tokenUrl: string;
  state: ZoomSimState;
  /** A token as the token endpoint would mint it, with the scopes asked for (default: the app's). */
  issueToken(options?: { accountId?: string; scopes?: readonly string[]; ttlMs?: number }): string;
  counters: ZoomSimState['counters'];
}

export async function startZoomSimulator(options: ZoomSimulatorOptions = {}): Promise<ZoomSimulatorHandle> {
  const accountOptions = options.accounts ?? [options];
  const live: { origin: string; knobs?: ZoomKnobs } = { origin: '' };
  const clock = options.clock ?? Date.now;
  const state: ZoomSimState = {
    accounts: new Map(),
    tokens: new Map(),
    cursors: new Map(),
    clock,
    knobs: () => live.knobs ?? defaultZoomKnobs(options.knobs),
    origin: () => live.origin,
    counters: { rateLimited: 0, tokensIssued: 0, scopeRefusals: 0 },
  };
  const accounts: ZoomSimAccount[] = accountOptions.map((o, i) => {
    const org = o.org ?? seedZoomOrg({ ...o, seed: o.seed ?? (options.seed ?? 1) + i });
    if (state.accounts.has(org.accountId)) throw new RangeError(`Two simulated Zoom accounts share the id ${org.accountId}`);
    const draw = new Rng(hashString(org.accountId)).fork('zoom:app');
    const app: ZoomSimApp = {
      clientId: o.app?.clientId ?? zoomId(draw),
      clientSecret: o.app?.clientSecret ?? `${zoomId(draw)}${zoomId(draw)}`.slice(0, 32),
      scopes: [...(o.app?.scopes ?? ALL_ZOOM_SCOPES)],
    };
    const account = indexAccount(org, app);
    state.accounts.set(org.accountId, account);
    return account;
  });

  const router = zoomRoutes(state);
  addTokenRoute(router, state);
  options.extendRouter?.(router, state);

  const handle = await startSimulator<ZoomKnobs>({
    name: 'Zoom',
    router,
    port: options.port,
    basePath: ZOOM_BASE_PATH,
    seed: options.seed,
    clock,
    errorBody: (status, message) => zoomErrorBody(status, message),
    guard: (req) => {
      const issued = state.tokens.get(bearerToken(req) ?? '');
      if (!issued) return json(401, zoomErrorBody(401, 'Invalid access token.', ZOOM_CODES.invalidToken));
      if (clock() >= issued.expiresAt) return json(401, zoomErrorBody(401, 'Access token is expired.', ZOOM_CODES.invalidToken));
      return undefined;
    },
    knobs: { ...defaultZoomKnobs(options.knobs), latencyMs: options.latencyMs ?? options.knobs?.latencyMs ?? 0 },
  });
  live.origin = handle.origin;
  live.knobs = handle.knobs;

  const handles = accounts.map((a): ZoomAccountHandle => ({
    accountId: a.org.accountId,
    org: a.org,
    app: a.app,
    token: mintToken(state, a.org.accountId, a.app.scopes, Number.POSITIVE_INFINITY, false),
    user: (id) => a.byId.get(id),
  }));
  const first = handles[0] as ZoomAccountHandle;
  return {
    ...handle,
    ...first,
    accounts: handles,
    tokenUrl: `${handle.origin}${ZOOM_TOKEN_PATH}`,
    state,
    counters: state.counters,
    issueToken: (o = {}) => {
      const accountId = o.accountId ?? first.accountId;
      const account = state.accounts.get(accountId);
      if (!account) throw new RangeError(`No simulated Zoom account ${accountId}`);
      return mintToken(state, accountId, o.scopes ?? account.app.scopes, o.ttlMs);
    },
  };
}

export function defaultZoomKnobs(overrides: Partial<ZoomKnobs> = {}): ZoomKnobs {
  return {
    latencyMs: 0,
    errorRate: 0,
    failEveryNth: 0,
    qps: { ...ZOOM_BUSINESS_QPS },
    qpsRetryAfter: false,
    plan: 'paid',
    ...overrides,
  };
}

/**
 * The Salesforce simulator: a real HTTP server on 127.0.0.1 playing one org's My Domain,
 * following Salesforce's REST API for what the connector uses (SOQL query with query
 * locators, PATCH User) plus its OAuth and identity endpoints, seeded with an org of any
 * size (see seed.ts), with the kit's fault knobs and Salesforce's own: the daily API limit,
 * session timeouts and sessions that end after N calls, per-user PATCH refusals, and users
 * whose deactivation Salesforce refuses because automation points at them (they can be frozen
 * through UserLogin instead).
 *
 * Sforce-Limit-Info is on every answer the org gives: API answers and their 401s. The kit's
 * injected faults (429, 500, malformed pages) stand for the network in front of the org and
 * carry none. Salesforce itself meters by day, not by minute, so the kit's per-minute rate
 * limit is off unless a test sets it.
 */
import {
  bearerToken,
  Router,
  startSimulator,
  type SimulatorHandle,
  type SimRequest,
  type SimResponse,
} from '../../simulator-kit/index.js';
import { SALESFORCE_OAUTH_PATHS } from '../descriptor.js';
import {
  seedSalesforceOrg,
  type SalesforceOrg,
  type SalesforceSeedOptions,
  type SalesforceSeedPermissionSet,
  type SalesforceSeedUser,
} from './seed.js';
import { salesforceId } from './ids.js';
import { addApiRoutes } from './api.js';
import { addOAuthRoutes } from './oauth.js';
import { limitInfo, restError, SessionStore, type SalesforceKnobs, type SalesforceSimState } from './state.js';

export type { SalesforceDeactivationBlocker, SalesforceKnobs, SalesforceSimState } from './state.js';
export { SALESFORCE_DEACTIVATION_BLOCKERS } from './state.js';

/** A user Salesforce provisions for integrations: API only, no paid Salesforce license. */
export interface SalesforceIntegrationUserOptions {
  name?: string;
  username?: string;
  /** Permission sets on top of the profile, e.g. [{ name: 'Seatwise Reclaim', manageInternalUsers: true }]. */
  permissionSets?: Array<Partial<Omit<SalesforceSeedPermissionSet, 'id'>> & { name: string }>;
}

/** Enterprise Edition's base daily allowance. */
export const SALESFORCE_DEFAULT_DAILY_LIMIT = 100_000;
/** Salesforce's default session timeout. */
const TWO_HOURS_MS = 2 * 60 * 60_000;

export interface SalesforceSimulatorOptions extends SalesforceSeedOptions {
  /** A ready session of the connected user, for tests and the demo that skip OAuth. Default derived from the seed. */
  token?: string;
  /** The External Client App. Defaults derived from the seed; redirectUris empty accepts any loopback URL. */
  oauth?: { clientId?: string; clientSecret?: string; redirectUris?: string[]; scopes?: string[] };
  port?: number;
  host?: string;
  latencyMs?: number;
  /** API calls already spent today when the simulator starts. Default 0. */
  apiUsage?: number;
  knobs?: Partial<SalesforceKnobs>;
  /** Milliseconds clock for session timeouts, codes and the kit's rate window (a FakeClock's `now` in tests). */
  clock?: () => number;
  /** An org built elsewhere (e.g. shared with a test); otherwise seeded from the options. */
  org?: SalesforceOrg;
}

export interface SalesforceSimulatorHandle extends SimulatorHandle<SalesforceKnobs> {
  /** Live org state: reclaims change users' isActive here. */
  org: SalesforceOrg;
  state: SalesforceSimState;
  /** The My Domain URL: the connection URL (and instance_url). Same as `url`. */
  instanceUrl: string;
  /** The ready session of the connected user (see options.token). */
  token: string;
  oauth: { clientId: string; clientSecret: string; authorizeUrl: string; tokenUrl: string; revokeUrl: string; userinfoUrl: string };
  user(id: string): SalesforceSeedUser | undefined;
  /** API calls counted against the daily allowance so far. */
  apiUsage(): number;
  /** Every session times out now (refresh tokens stay valid): the next call answers 401. */
  expireSessions(): void;
  /**
   * Adds an integration user (license "Salesforce Integration", profile "Minimum Access - API
   * Only Integrations") with the given permission sets, and returns it.
   */
  addIntegrationUser(options?: SalesforceIntegrationUserOptions): SalesforceSeedUser;
  /** Makes `userId` the client credentials "Run As" user and the one who signs in; returns a ready session of theirs. */
  runAs(userId: string): string;
}

/** Codes for the errors the kit raises itself (unknown route, bad JSON, injected faults). */
const KIT_ERROR_CODES: Record<number, string> = {
  400: 'JSON_PARSER_ERROR',
  404: 'NOT_FOUND',
  413: 'REQUEST_TOO_LARGE',
  // Not an answer Salesforce's REST API gives itself: a proxy or gateway in front of it.
  429: 'TOO_MANY_REQUESTS',
  500: 'UNKNOWN_EXCEPTION',
};

export function salesforceErrorBody(status: number, message: string): unknown {
  const text = status >= 500 ? 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)' : message;
  return [{ message: text, errorCode: KIT_ERROR_CODES[status] ?? 'UNKNOWN_EXCEPTION', fields: [] }];
}

export async function startSalesforceSimulator(options: SalesforceSimulatorOptions = {}): Promise<SalesforceSimulatorHandle> {
  const seed = options.seed ?? 1;
  const org = options.org ?? seedSalesforceOrg(options);
  const clock = options.clock ?? Date.now;
  const byId = new Map(org.users.map((u) => [u.id, u]));
  const sessions = new SessionStore(org.orgId);
  const token = options.token ?? `${org.orgId.slice(0, 15)}!sim-session-${seed}`;
  const client = {
    clientId: options.oauth?.clientId ?? `3MVG9sim${seed}SeatwiseSalesforceConsumerKey`,
    clientSecret: options.oauth?.clientSecret ?? `sim-consumer-secret-${seed}`,
    redirectUris: options.oauth?.redirectUris ?? [],
    scopes: options.oauth?.scopes ?? ['api', 'id', 'refresh_token'],
  };
  sessions.add(token, org.meId, client.scopes.join(' '), clock());

  const knobs: Partial<SalesforceKnobs> = {
    latencyMs: options.latencyMs ?? 0,
    dailyApiLimit: SALESFORCE_DEFAULT_DAILY_LIMIT,
    sessionTimeoutMs: TWO_HOURS_MS,
    sessionMaxCalls: 0,
    patchForbiddenFor: [],
    deactivationBlockedBy: {},
    licenseChangeBlockedBy: {},
    clientCredentialsEnabled: true,
    ...options.knobs,
  };
  // Filled in once the server listens; routes only read it while serving requests.
  const live = { origin: '' };
  const state: SalesforceSimState = {
    org,
    knobs: knobs as SalesforceKnobs,
    clock,
    origin: () => live.origin,
    sessions,
    client,
    apiUsage: options.apiUsage ?? 0,
    user: (id) => byId.get(id),
    signedInUserId: org.meId,
    hosts: new Map(),
  };

  const router = new Router();
  addOAuthRoutes(router, state);
  addApiRoutes(router, state);

  const guard = (req: SimRequest): SimResponse | undefined => {
    const host = String(req.headers.host ?? '');
    state.hosts.set(host, (state.hosts.get(host) ?? 0) + 1);
    return sessions.check(bearerToken(req), clock(), state.knobs.sessionTimeoutMs, state.knobs.sessionMaxCalls)
      ? undefined
      : restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid', limitInfo(state));
  };

  const handle = await startSimulator<SalesforceKnobs>({
    name: 'Salesforce',
    router,
    port: options.port,
    host: options.host,
    seed,
    clock,
    errorBody: salesforceErrorBody,
    guard,
    notFound: () => restError(404, 'NOT_FOUND', 'The requested resource does not exist'),
    knobs,
  });
  live.origin = handle.origin;
  // The kit copies the knobs it was given: routes must read the live object tests change.
  state.knobs = handle.knobs;

  return {
    ...handle,
    org,
    state,
    instanceUrl: handle.origin,
    token,
    oauth: {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      authorizeUrl: `${handle.origin}${SALESFORCE_OAUTH_PATHS.authorize}`,
      tokenUrl: `${handle.origin}${SALESFORCE_OAUTH_PATHS.token}`,
      revokeUrl: `${handle.origin}${SALESFORCE_OAUTH_PATHS.revoke}`,
      userinfoUrl: `${handle.origin}${SALESFORCE_OAUTH_PATHS.userinfo}`,
    },
    user: (id) => byId.get(id),
    apiUsage: () => state.apiUsage,
    expireSessions: () => sessions.expireAll(),
    addIntegrationUser: (opts = {}) => {
      const user = integrationUser(org, opts);
      org.users.push(user);
      byId.set(user.id, user);
      return user;
    },
    runAs: (userId) => {
      if (!byId.has(userId)) throw new Error(`no user ${userId} in the simulated org`);
      state.signedInUserId = userId;
      return sessions.issue(userId, client.scopes.filter((s) => s !== 'refresh_token').join(' '), clock(), false).accessToken;
    },
  };
}

const INTEGRATION_PROFILE = 'Minimum Access - API Only Integrations';
const INTEGRATION_LICENSE = 'Salesforce Integration';

function integrationUser(org: SalesforceOrg, opts: SalesforceIntegrationUserOptions): SalesforceSeedUser {
  let profile = org.profiles.find((p) => p.name === INTEGRATION_PROFILE);
  if (!profile) {
    profile = { id: salesforceId('00e', 1, org.profiles.length + 1), name: INTEGRATION_PROFILE, licenseName: INTEGRATION_LICENSE, userType: 'Standard', manageUsers: false };
    org.profiles.push(profile);
  }
  const n = org.users.length + 1;
  const domain = org.users[0]?.email.split('@')[1] ?? 'acme.example';
  const username = opts.username ?? `seatwise.integration${n}@${domain}`;
  return {
    id: salesforceId('005', 1, n),
    username,
    email: username,
    name: opts.name ?? 'Seatwise Integration',
    isActive: true,
    userType: 'Standard',
    profileId: profile.id,
    profileName: profile.name,
    licenseName: profile.licenseName,
    lastLoginDate: null,
    createdDate: org.now,
    manageUsers: false,
    permissionSets: (opts.permissionSets ?? []).map((ps, i) => ({
      id: salesforceId('0PS', 1, n * 10 + i),
      name: ps.name,
      manageUsers: ps.manageUsers ?? false,
      manageInternalUsers: ps.manageInternalUsers ?? false,
      freezeUsers: ps.freezeUsers ?? false,
    })),
    userLoginId: salesforceId('0Yw', 1, n),
    isFrozen: false,
    recentJoiner: false,
  };
}

/**
 * The Okta simulator: a real HTTP server following Okta's management API for what the
 * connector reads (users, apps and assignments, the System Log), seeded with a reproducible org
 * (see seed.ts), with the kit's fault knobs and Okta's own rate limits, headers and error
 * bodies. It accepts API tokens as "Authorization: SSWS <token>" and, for service apps, OAuth
 * access tokens as "Bearer <token>" with their scopes; anything else is Okta's 401 E0000011.
 */
import { json, Rng, startSimulator, type Router, type SimulatorHandle } from '../../simulator-kit/index.js';
import { callerOf, oktaRoutes, OKTA_SCOPE } from './routes.js';
import { eventUuid, oktaTime, seedOktaOrg, SSO_EVENT, type OktaOrg, type OktaSeedEvent, type OktaSeedOptions, type OktaSeedStatus, type OktaSeedUser } from './seed.js';
import { errorCodeFor, indexUsers, OKTA_MESSAGES, OKTA_WORKFORCE_LIMITS, oktaErrorBody, type OktaKnobs, type OktaSimState } from './state.js';

export * from './seed.js';
export { OKTA_SCOPE } from './routes.js';
export { OKTA_WORKFORCE_LIMITS, type OktaBucket, type OktaKnobs, type OktaSimState } from './state.js';
export { parseFilter, matches } from './filter.js';

export interface OktaSimulatorOptions extends OktaSeedOptions {
  /** The API token of the org's admin (user 0); drawn from the seed when absent. */
  token?: string;
  /** OAuth access tokens of a service app, sent as Bearer, with the scopes each was granted. */
  accessTokens?: Record<string, readonly string[]>;
  port?: number;
  latencyMs?: number;
  knobs?: Partial<OktaKnobs>;
  /** Clock for rate-limit windows and polling queries; pair with FakeClock in tests. */
  clock?: () => number;
  org?: OktaOrg;
  extendRouter?: (router: Router, state: OktaSimState) => void;
}

export interface OktaSimulatorHandle extends SimulatorHandle<OktaKnobs> {
  org: OktaOrg;
  state: OktaSimState;
  /** The admin's API token: send it as "SSWS <token>". */
  token: string;
  adminId: string;
  counters: OktaSimState['counters'];
  user(id: string): OktaSeedUser | undefined;
  /** A service app access token with these scopes (default all three the connector needs). */
  issueAccessToken(scopes?: readonly string[]): string;
  /** The user signs in to the app through Okta at `at` (a user.authentication.sso event). */
  signIn(userId: string, appId: string, at: Date, result?: 'SUCCESS' | 'FAILURE'): OktaSeedEvent;
  /** A lifecycle change at `at`: status and statusChanged move together, as in Okta. */
  setStatus(userId: string, status: OktaSeedStatus, at: Date): OktaSeedUser;
}

export function defaultOktaKnobs(overrides: Partial<OktaKnobs> = {}): OktaKnobs {
  return { latencyMs: 0, errorRate: 0, failEveryNth: 0, rateLimits: { ...OKTA_WORKFORCE_LIMITS }, systemLogDenied: false, ...overrides };
}

export async function startOktaSimulator(options: OktaSimulatorOptions = {}): Promise<OktaSimulatorHandle> {
  const org = options.org ?? seedOktaOrg(options);
  const live: { origin: string; knobs?: OktaKnobs } = { origin: '' };
  const draw = new Rng(options.seed ?? 1).fork('okta:tokens');
  const token = options.token ?? `00${Array.from({ length: 40 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[draw.int(0, 63)]).join('')}`;
  const state: OktaSimState = {
    org,
    byId: indexUsers(org),
    apiTokens: new Map([[token, org.adminId]]),
    accessTokens: new Map(Object.entries(options.accessTokens ?? {}).map(([t, scopes]) => [t, { clientId: '0oaSeatwiseService01', scopes: new Set(scopes) }])),
    clock: options.clock ?? Date.now,
    knobs: () => live.knobs ?? defaultOktaKnobs(options.knobs),
    origin: () => live.origin,
    counters: { rateLimited: 0, unauthorized: 0, forbidden: 0 },
  };
  const router = oktaRoutes(state);
  options.extendRouter?.(router, state);

  const handle = await startSimulator<OktaKnobs>({
    name: 'Okta',
    router,
    port: options.port,
    seed: options.seed,
    clock: options.clock,
    errorBody: (status, message) => oktaErrorBody(errorCodeFor(status), status >= 500 ? OKTA_MESSAGES.serverError : message),
    guard: (req) => {
      if (callerOf(state, req)) return undefined;
      state.counters.unauthorized += 1;
      return json(401, oktaErrorBody('E0000011', OKTA_MESSAGES.invalidToken));
    },
    knobs: { ...defaultOktaKnobs(options.knobs), latencyMs: options.latencyMs ?? options.knobs?.latencyMs ?? 0 },
  });
  live.origin = handle.origin;
  live.knobs = handle.knobs;

  const eventDraw = new Rng(options.seed ?? 1).fork('okta:live-events');
  let issued = 0;
  const known = (id: string): OktaSeedUser => {
    const u = state.byId.get(id);
    if (!u) throw new RangeError(`No Okta user ${id} in the simulator`);
    return u;
  };
  return {
    ...handle,
    org,
    state,
    token,
    adminId: org.adminId,
    counters: state.counters,
    user: (id) => state.byId.get(id),
    issueAccessToken: (scopes = Object.values(OKTA_SCOPE)) => {
      issued += 1;
      const access = `eyJraWQiOiJzaW0ifQ.eyJzdWIiOiJzZWF0d2lzZS0${issued}.c2ln`;
      state.accessTokens.set(access, { clientId: '0oaSeatwiseService01', scopes: new Set(scopes) });
      return access;
    },
    signIn: (userId, appId, at, result = 'SUCCESS') => {
      const u = known(userId);
      const app = org.apps.find((a) => a.id === appId);
      if (!app) throw new RangeError(`No Okta app ${appId} in the simulator`);
      const assignment = org.assignments.get(appId)?.find((a) => a.userId === userId);
      const event: OktaSeedEvent = {
        uuid: eventUuid(eventDraw),
        published: oktaTime(at.getTime()),
        eventType: SSO_EVENT,
        displayMessage: 'User single sign on to app',
        actor: { id: u.id, type: 'User', alternateId: u.profile.login, displayName: `${u.profile.firstName} ${u.profile.lastName}` },
        target: [
          { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label },
          { id: `0ua${u.id.slice(3)}`, type: 'AppUser', alternateId: assignment?.userName ?? u.profile.login, displayName: u.profile.login },
        ],
        outcome: result === 'SUCCESS' ? { result, reason: null } : { result, reason: 'Sign-on policy evaluation resulted in DENY' },
      };
      const t = at.getTime();
      let i = org.events.length;
      while (i > 0 && Date.parse((org.events[i - 1] as OktaSeedEvent).published) > t) i -= 1;
      org.events.splice(i, 0, event);
      return event;
    },
    setStatus: (userId, status, at) => {
      const u = known(userId);
      u.status = status;
      u.statusChanged = oktaTime(at.getTime());
      u.lastUpdated = u.statusChanged;
      if (status === 'DEPROVISIONED') for (const list of org.assignments.values()) list.splice(0, list.length, ...list.filter((a) => a.userId !== userId));
      return u;
    },
  };
}


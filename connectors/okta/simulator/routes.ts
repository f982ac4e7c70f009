/**
 * The Okta endpoints the connector uses, following Okta's management API: users (the plain
 * listing leaves DEPROVISIONED out, filter and search do not), the current user, apps and
 * their assignments, and the System Log (bounded with `until`, polling without it). Every
 * answer passes the rate limits and carries Okta's rate-limit headers; an OAuth access token
 * must hold the endpoint's scope.
 */
import { json, Router, SimError, type RouteHandler, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { matches, parseFilter, type FilterNode, type FilterRule } from './filter.js';
import { APP_USERS_LIMIT, APPS_LIMIT, linkHeader, LOGS_LIMIT, pageById, parseLimit, USERS_LIMIT } from './paging.js';
import { OktaRateLimits } from './rate-limit.js';
import type { OktaSeedApp, OktaSeedAssignment, OktaSeedEvent, OktaSeedUser } from './seed.js';
import { errorCodeFor, OKTA_MESSAGES, OktaFault, oktaErrorBody, type OktaBucket, type OktaCaller, type OktaSimState } from './state.js';

const DAY_MS = 86_400_000;

export const OKTA_SCOPE = { users: 'okta.users.read', apps: 'okta.apps.read', logs: 'okta.logs.read' } as const;

/** "SSWS <token>" or "Bearer <token>", resolved to who is calling; undefined when neither is known. */
export function callerOf(state: OktaSimState, req: Pick<SimRequest, 'headers'>): OktaCaller | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^(SSWS|Bearer)\s+(\S+)\s*$/i.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, scheme, token] = match as unknown as [string, string, string];
  if (scheme.toUpperCase() === 'SSWS') {
    const adminId = state.apiTokens.get(token);
    return adminId ? { kind: 'ssws', adminId } : undefined;
  }
  const access = state.accessTokens.get(token);
  return access ? { kind: 'oauth', clientId: access.clientId, scopes: access.scopes } : undefined;
}

const USER_FILTER_ATTRS = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);
const userFilterRule: FilterRule = (attr, op) => {
  if (!USER_FILTER_ATTRS.has(attr)) return `Filtering on ${attr} is not supported: use status, lastUpdated, id, profile.login, profile.email, profile.firstName or profile.lastName.`;
  if (op !== 'eq' && !(attr === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(op))) return `The ${op} operator is not supported for ${attr} in a filter.`;
  return undefined;
};
const APP_FILTER_ATTRS = new Set(['id', 'status', 'name', 'credentials.signing.kid', 'settings.slo.enabled']);
const appFilterRule: FilterRule = (attr, op) =>
  !APP_FILTER_ATTRS.has(attr) ? `Filtering apps on ${attr} is not supported.` : op !== 'eq' ? `The ${op} operator is not supported for apps.` : undefined;
const anyRule: FilterRule = () => undefined;

export function userView(state: OktaSimState, u: OktaSeedUser): Record<string, unknown> {
  return {
    id: u.id,
    status: u.status,
    created: u.created,
    activated: u.activated,
    statusChanged: u.statusChanged,
    lastLogin: u.lastLogin,
    lastUpdated: u.lastUpdated,
    passwordChanged: u.passwordChanged,
    type: { id: 'oty1sim0000000000000' },
    profile: { firstName: u.profile.firstName, lastName: u.profile.lastName, mobilePhone: null, secondEmail: null, login: u.profile.login, email: u.profile.email },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${state.origin()}/api/v1/users/${u.id}` } },
  };
}

function appView(state: OktaSimState, a: OktaSeedApp): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    label: a.label,
    status: a.status,
    created: a.created,
    lastUpdated: a.created,
    signOnMode: a.signOnMode,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
    features: [],
    _links: { users: { href: `${state.origin()}/api/v1/apps/${a.id}/users` } },
  };
}

function appUserView(state: OktaSimState, app: OktaSeedApp, a: OktaSeedAssignment, u: OktaSeedUser | undefined): Record<string, unknown> {
  return {
    id: a.userId,
    externalId: null,
    created: a.created,
    lastUpdated: a.created,
    scope: a.scope,
    status: 'ACTIVE',
    statusChanged: a.created,
    passwordChanged: null,
    syncState: 'DISABLED',
    credentials: { userName: a.userName },
    profile: { email: a.email, firstName: u?.profile.firstName ?? null, lastName: u?.profile.lastName ?? null },
    _links: { app: { href: `${state.origin()}/api/v1/apps/${app.id}` }, user: { href: `${state.origin()}/api/v1/users/${a.userId}` } },
  };
}

/** A LogEvent with the nulls Okta's own example carries (authenticationContext, client.id, detailEntry...). */
function eventView(e: OktaSeedEvent): Record<string, unknown> {
  return {
    actor: { ...e.actor, detailEntry: null },
    client: { userAgent: { rawUserAgent: 'Mozilla/5.0 (Seatwise simulator)', os: 'Linux', browser: 'CHROME' }, zone: null, device: 'Computer', id: null, ipAddress: '203.0.113.10' },
    authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: 'idxSimulatorSession' },
    displayMessage: e.displayMessage,
    eventType: e.eventType,
    outcome: e.outcome,
    published: e.published,
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    severity: 'INFO',
    debugContext: { debugData: {} },
    legacyEventType: e.eventType === 'user.authentication.sso' ? 'app.auth.sso' : 'core.user_auth.login_success',
    transaction: { type: 'WEB', id: 'simulator', detail: {} },
    uuid: e.uuid,
    version: '0',
    request: { ipChain: [] },
    target: e.target.map((t) => ({ ...t, detailEntry: null })),
  };
}

function filterParam(query: URLSearchParams, name: string, rule: FilterRule): FilterNode | undefined {
  const raw = query.get(name);
  return raw === null || raw.trim() === '' ? undefined : parseFilter(raw, rule, name);
}

function instant(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new OktaFault(400, `Api validation failed: ${name}`, [`${name}: ${raw} is not an ISO 8601 timestamp.`]);
  return ms;
}

/** First index whose event is published at or after `t`. */
function lowerBound(events: readonly OktaSeedEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse((events[mid] as OktaSeedEvent).published) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function oktaRoutes(state: OktaSimState): Router {
  const router = new Router();
  const limits = new OktaRateLimits(state);

  /** Rate limit, scope check and Okta's error body with the rate-limit headers, around one route. */
  const okta = (bucket: OktaBucket, scope: string, handler: (req: SimRequest, caller: OktaCaller) => SimResponse): RouteHandler => {
    return (req) => {
      const rate = limits.take(bucket);
      if (rate.refused) return rate.refused;
      try {
        const caller = callerOf(state, req);
        if (!caller) throw new OktaFault(401, OKTA_MESSAGES.invalidToken);
        if (caller.kind === 'oauth' && !caller.scopes.has(scope)) {
          throw new OktaFault(403, OKTA_MESSAGES.accessDenied, [], 'E0000006', {
            'www-authenticate': `Bearer authorization_uri="${state.origin()}/oauth2/v1/authorize", realm="IdpError", scope="${scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${req.path}"`,
          });
        }
        const res = handler(req, caller);
        return { ...res, headers: { ...rate.headers, ...res.headers } };
      } catch (err) {
        if (!(err instanceof SimError)) throw err;
        if (err.status === 403) state.counters.forbidden += 1;
        const fault = err instanceof OktaFault ? err : undefined;
        return json(err.status, oktaErrorBody(fault?.code ?? errorCodeFor(err.status), err.message, fault?.causes), { ...rate.headers, ...err.headers });
      }
    };
  };

  router.get(
    '/api/v1/users',
    okta('users', OKTA_SCOPE.users, (req) => {
      const limit = parseLimit(req.query, USERS_LIMIT);
      const filter = filterParam(req.query, 'filter', userFilterRule);
      const search = filterParam(req.query, 'search', anyRule);
      // "This operation omits users that have a status of DEPROVISIONED... use a filter or search query instead."
      let users = filter || search ? state.org.users : state.org.users.filter((u) => u.status !== 'DEPROVISIONED');
      const where = filter ?? search;
      if (where) users = users.filter((u) => matches(where, userView(state, u)));
      const { page, next } = pageById(users, (u) => u.id, req.query.get('after'), limit);
      return json(200, page.map((u) => userView(state, u)), linkHeader(state, req, next));
    }),
  );

  router.get(
    '/api/v1/users/:id',
    okta('user', OKTA_SCOPE.users, (req, caller) => {
      const ref = req.params.id ?? '';
      if (ref === 'me') {
        // A service app's token belongs to no user.
        const me = caller.kind === 'ssws' ? state.byId.get(caller.adminId) : undefined;
        if (!me) throw new OktaFault(404, 'Not found: Resource not found: me (User)');
        return json(200, userView(state, me));
      }
      const user = state.byId.get(ref) ?? state.org.users.find((u) => u.profile.login === ref);
      if (!user) throw new OktaFault(404, `Not found: Resource not found: ${ref} (User)`);
      return json(200, userView(state, user));
    }),
  );

  router.get(
    '/api/v1/apps',
    okta('apps', OKTA_SCOPE.apps, (req) => {
      const limit = parseLimit(req.query, APPS_LIMIT);
      const filter = filterParam(req.query, 'filter', appFilterRule);
      const q = req.query.get('q');
      const nonDeleted = req.query.get('includeNonDeleted') === 'true';
      let apps = [...state.org.apps].sort((a, b) => (a.id < b.id ? -1 : 1));
      if (filter) apps = apps.filter((a) => matches(filter, appView(state, a)));
      else if (!nonDeleted) apps = apps.filter((a) => a.status === 'ACTIVE');
      if (q) apps = apps.filter((a) => a.name.startsWith(q) || a.label.startsWith(q));
      const { page, next } = pageById(apps, (a) => a.id, req.query.get('after'), limit);
      return json(200, page.map((a) => appView(state, a)), linkHeader(state, req, next));
    }),
  );

  router.get(
    '/api/v1/apps/:appId/users',
    okta('apps', OKTA_SCOPE.apps, (req) => {
      const app = state.org.apps.find((a) => a.id === req.params.appId);
      if (!app) throw new OktaFault(404, `Not found: Resource not found: ${req.params.appId ?? ''} (AppInstance)`);
      const limit = parseLimit(req.query, APP_USERS_LIMIT);
      const assigned = state.org.assignments.get(app.id) ?? [];
      const { page, next } = pageById(assigned, (a) => a.userId, req.query.get('after'), limit);
      return json(200, page.map((a) => appUserView(state, app, a, state.byId.get(a.userId))), linkHeader(state, req, next));
    }),
  );

  router.get(
    '/api/v1/logs',
    okta('logs', OKTA_SCOPE.logs, (req, caller) => {
      if (caller.kind === 'ssws' && state.knobs().systemLogDenied) throw new OktaFault(403, OKTA_MESSAGES.accessDenied);
      const limit = parseLimit(req.query, LOGS_LIMIT);
      const filter = filterParam(req.query, 'filter', anyRule);
      const until = instant(req.query, 'until');
      const bounded = until !== undefined;
      const since = instant(req.query, 'since') ?? (until ?? state.clock()) - 7 * DAY_MS;
      if (until !== undefined && since > until) throw new OktaFault(400, 'Api validation failed: since', ['since: must be earlier than until.']);
      const descending = (req.query.get('sortOrder') ?? 'ASCENDING').toUpperCase() === 'DESCENDING';
      const events = state.org.events;
      const first = lowerBound(events, since);
      const end = until === undefined ? events.length : lowerBound(events, until);
      // The cursor is the next position to scan; it is opaque to clients ("publishedMs_position").
      let pos = descending ? end - 1 : first;
      const after = req.query.get('after');
      if (after !== null && after !== '') {
        const m = /^\d+_(-?\d+)$/.exec(after);
        if (!m) throw new OktaFault(400, 'Api validation failed: after', ['after: not a cursor from a next link.']);
        pos = Number(m[1]);
      }
      const inRange = (i: number): boolean => i >= first && i < end;
      const step = descending ? -1 : 1;
      const accept = (e: OktaSeedEvent): boolean => !filter || matches(filter, eventView(e));
      const data: OktaSeedEvent[] = [];
      while (inRange(pos) && data.length < limit) {
        const e = events[pos] as OktaSeedEvent;
        pos += step;
        if (accept(e)) data.push(e);
      }
      const cursor = (): string => `${Date.parse(events[Math.min(Math.max(pos, 0), events.length - 1)]?.published ?? state.org.now)}_${pos}`;
      let next: string | undefined;
      if (!bounded) {
        // Polling: a next link always, to ask again later for what was logged since.
        next = cursor();
      } else {
        let look = pos;
        while (inRange(look) && !accept(events[look] as OktaSeedEvent)) look += step;
        if (inRange(look)) next = cursor();
      }
      return json(200, data.map(eventView), linkHeader(state, req, next));
    }),
  );

  return router;
}

/**
 * The Microsoft Graph simulator, for Microsoft 365 and Entra ID alike: a real HTTP server with
 * Graph v1.0 under /v1.0 and each tenant's token endpoint (/{tenant}/oauth2/v2.0/token), one or
 * more reproducible tenants (see seed.ts), the kit's fault knobs (429 with Retry-After through
 * `rateLimit`, 500s, malformed pages, hostile next links) and Graph's own: 503 with Retry-After,
 * the page-size limit with signInActivity, a server page size below $top.
 */
import { bearerToken, hashString, json, Rng, startSimulator, type Router, type SimulatorHandle } from '../../simulator-kit/index.js';
import { auditRoutes } from './audit-routes.js';
import { addTokenRoute, mintToken } from './oauth.js';
import { GRAPH_BASE_PATH, graphRoutes } from './routes.js';
import { graphGuid, seedGraphTenant, type GraphSeedOptions, type GraphSeedUser, type GraphTenant } from './seed.js';
import { ALL_GRAPH_ROLES, graphErrorBody, indexTenant, type GraphKnobs, type GraphSimApp, type GraphSimState, type GraphSimTenant } from './state.js';

export type { GraphKnobs, GraphSimApp, GraphSimState } from './state.js';
export { ALL_GRAPH_ROLES, graphErrorBody } from './state.js';
export { GRAPH_BASE_PATH, GROUP_LICENSE, NON_PREMIUM, AUDIT_PERMISSION_MISSING, consumedUnits } from './routes.js';
export { GRAPH_TOKEN_TTL_S, GRAPH_DEFAULT_SCOPE } from './oauth.js';
export * from './seed.js';

export interface GraphTenantOptions extends GraphSeedOptions {
  /** Seatwise's app registration in the tenant; drawn from the seed when absent, with every permission. */
  app?: Partial<GraphSimApp>;
  /** A tenant built elsewhere (shared with a test); otherwise seeded from the options. */
  tenant?: GraphTenant;
}

export interface GraphSimulatorOptions extends GraphTenantOptions {
  /** Several tenants behind one simulator; default one tenant from the top-level options. */
  tenants?: GraphTenantOptions[];
  port?: number;
  latencyMs?: number;
  knobs?: Partial<GraphKnobs>;
  /** Clock for tokens and the rate limiter; pair with FakeClock in tests. */
  clock?: () => number;
  extendRouter?: (router: Router, state: GraphSimState) => void;
}

export interface GraphTenantHandle {
  tenantId: string;
  domain: string;
  tenant: GraphTenant;
  app: GraphSimApp;
  /** A bearer token of the tenant's app with every granted permission, that never expires. */
  token: string;
  /** origin + /{tenantId}/oauth2/v2.0/token. */
  tokenUrl: string;
  user(id: string): GraphSeedUser | undefined;
}

export interface GraphSimulatorHandle extends SimulatorHandle<GraphKnobs>, GraphTenantHandle {
  tenants: GraphTenantHandle[];
  /** origin + /{tenant}/oauth2/v2.0/token: the template the connectors' descriptors use. */
  tokenUrlTemplate: string;
  state: GraphSimState;
  /** A token as the endpoint would mint it, with these permissions (default: the app's). */
  issueToken(options?: { tenantId?: string; roles?: readonly string[]; ttlMs?: number }): string;
  counters: GraphSimState['counters'];
}

export function defaultGraphKnobs(overrides: Partial<GraphKnobs> = {}): GraphKnobs {
  return { latencyMs: 0, errorRate: 0, failEveryNth: 0, signInActivityMaxPage: 500, unavailableEveryNth: 0, unavailableRetryAfterSeconds: 2, ...overrides };
}

export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulatorHandle> {
  const tenantOptions = options.tenants ?? [options];
  const live: { origin: string; knobs?: GraphKnobs } = { origin: '' };
  const clock = options.clock ?? Date.now;
  const state: GraphSimState = {
    tenants: new Map(),
    tokens: new Map(),
    clock,
    knobs: () => live.knobs ?? defaultGraphKnobs(options.knobs),
    origin: () => live.origin,
    counters: { graphRequests: 0, tokensIssued: 0, unavailable: 0, licenseCalls: 0 },
  };
  const sims: GraphSimTenant[] = tenantOptions.map((o, i) => {
    const tenant = o.tenant ?? seedGraphTenant({ ...o, seed: o.seed ?? (options.seed ?? 1) + i });
    if (state.tenants.has(tenant.tenantId)) throw new RangeError(`Two simulated tenants share the id ${tenant.tenantId}`);
    const draw = new Rng(hashString(tenant.tenantId)).fork('graph:app');
    const app: GraphSimApp = {
      clientId: o.app?.clientId ?? graphGuid(draw),
      clientSecret: o.app?.clientSecret ?? `Sw8Q~${graphGuid(draw).replaceAll('-', '')}`,
      roles: [...(o.app?.roles ?? ALL_GRAPH_ROLES)],
    };
    const sim = indexTenant(tenant, app);
    state.tenants.set(tenant.tenantId, sim);
    return sim;
  });

  const router = graphRoutes(state);
  auditRoutes(state, router);
  addTokenRoute(router, state);
  options.extendRouter?.(router, state);

  const handle = await startSimulator<GraphKnobs>({
    name: 'Microsoft Graph',
    router,
    port: options.port,
    basePath: GRAPH_BASE_PATH,
    seed: options.seed,
    clock,
    errorBody: (status, message) => graphErrorBody(status, status === 429 ? 'Too many requests. Please try again later.' : message, undefined, clock()),
    guard: (req) => {
      const raw = bearerToken(req);
      if (!raw) return json(401, graphErrorBody(401, 'Access token is empty.', 'InvalidAuthenticationToken', clock()));
      const issued = state.tokens.get(raw);
      if (!issued) return json(401, graphErrorBody(401, 'Access token validation failure.', 'InvalidAuthenticationToken', clock()));
      if (clock() >= issued.expiresAt) return json(401, graphErrorBody(401, 'Lifetime validation failed, the token is expired.', 'InvalidAuthenticationToken', clock()));
      return undefined;
    },
    knobs: { ...defaultGraphKnobs(options.knobs), latencyMs: options.latencyMs ?? options.knobs?.latencyMs ?? 0 },
  });
  live.origin = handle.origin;
  live.knobs = handle.knobs;

  const handles = sims.map(
    (s): GraphTenantHandle => ({
      tenantId: s.tenant.tenantId,
      domain: s.tenant.domain,
      tenant: s.tenant,
      app: s.app,
      token: mintToken(state, s.tenant.tenantId, s.app.roles, Number.POSITIVE_INFINITY, false),
      tokenUrl: `${handle.origin}/${s.tenant.tenantId}/oauth2/v2.0/token`,
      user: (id) => s.byId.get(id),
    }),
  );
  const first = handles[0] as GraphTenantHandle;
  return {
    ...handle,
    ...first,
    tenants: handles,
    tokenUrlTemplate: `${handle.origin}/{tenant}/oauth2/v2.0/token`,
    state,
    counters: state.counters,
    issueToken: (o = {}) => {
      const tenantId = o.tenantId ?? first.tenantId;
      const sim = state.tenants.get(tenantId);
      if (!sim) throw new RangeError(`No simulated tenant ${tenantId}`);
      return mintToken(state, tenantId, o.roles ?? sim.app.roles, o.ttlMs);
    },
  };
}

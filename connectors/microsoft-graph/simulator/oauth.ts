/**
 * The tenant's token endpoint (login.microsoftonline.com/{tenant}/oauth2/v2.0/token in real
 * life, here on the simulator's origin) for the client credentials grant, as the Microsoft
 * identity platform documents it: a form POST with client_id, client_secret (or HTTP Basic),
 * grant_type=client_credentials and scope=https://graph.microsoft.com/.default. The token lives
 * about an hour, there is no refresh token. Errors are Entra's OAuth body {"error",
 * "error_description": "AADSTSnnnn: ...", "error_codes", "timestamp", "trace_id",
 * "correlation_id", "error_uri"}, with the AADSTS codes Entra sends for each case.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { json, safeEqual, type Router, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { findTenant, type GraphSimState } from './state.js';

export const GRAPH_TOKEN_PATH = '/:tenant/oauth2/v2.0/token';
/** Entra's app-only tokens: expires_in 3599. */
export const GRAPH_TOKEN_TTL_S = 3599;
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

function aadError(state: GraphSimState, status: number, error: string, code: number, description: string): SimResponse {
  const trace = randomUUID();
  return json(
    status,
    {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${trace} Correlation ID: ${trace} Timestamp: ${new Date(state.clock()).toISOString().slice(0, 19)}Z`,
      error_codes: [code],
      timestamp: `${new Date(state.clock()).toISOString().slice(0, 19)}Z`,
      trace_id: trace,
      correlation_id: trace,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { 'cache-control': 'no-store' },
  );
}

export function addTokenRoute(router: Router, state: GraphSimState): void {
  router.post(GRAPH_TOKEN_PATH, (req) => token(req, state), { public: true });
}

/** Mints a token for a tenant, as the endpoint does; tests use it to hand out fewer permissions. */
export function mintToken(state: GraphSimState, tenantId: string, roles: readonly string[], ttlMs = GRAPH_TOKEN_TTL_S * 1000, counted = true): string {
  // Real tokens are JWTs; the connectors treat them as opaque, so an opaque string will do.
  const accessToken = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString('base64url')}.sim`;
  state.tokens.set(accessToken, { tenantId, roles: new Set(roles), expiresAt: state.clock() + ttlMs });
  if (counted) state.counters.tokensIssued += 1;
  return accessToken;
}

function token(req: SimRequest, state: GraphSimState): SimResponse {
  const tenantRef = req.params.tenant ?? '';
  const sim = findTenant(state, tenantRef);
  if (!sim) {
    return aadError(state, 400, 'invalid_request', 90002, `Tenant '${tenantRef}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  const form = formOf(req);
  const basic = basicCredentials(req);
  const clientId = basic?.id ?? form.client_id;
  const secret = basic?.secret ?? form.client_secret;
  const grantType = form.grant_type;
  if (!grantType) return aadError(state, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
  if (grantType !== 'client_credentials') {
    return aadError(state, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  }
  if (!clientId) return aadError(state, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  if (clientId !== sim.app.clientId) {
    return aadError(
      state,
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${sim.tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  if (!secret) {
    return aadError(state, 401, 'invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
  }
  if (!safeEqual(secret, sim.app.clientSecret)) {
    return aadError(
      state,
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  const scope = form.scope;
  if (!scope) return aadError(state, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  const scopes = scope.split(/\s+/).filter(Boolean);
  if (scopes.length !== 1 || !scopes[0]?.endsWith('/.default')) {
    return aadError(
      state,
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  if (scopes[0] !== GRAPH_DEFAULT_SCOPE) {
    return aadError(state, 400, 'invalid_resource', 500011, `The resource principal named ${scopes[0].replace('/.default', '')} was not found in the tenant named ${sim.tenant.displayName}.`);
  }
  const accessToken = mintToken(state, sim.tenant.tenantId, sim.app.roles);
  return json(
    200,
    { token_type: 'Bearer', expires_in: GRAPH_TOKEN_TTL_S, ext_expires_in: GRAPH_TOKEN_TTL_S, access_token: accessToken },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

function formOf(req: SimRequest): Record<string, string | undefined> {
  const body = req.body;
  if (typeof body !== 'object' || body === null) return {};
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

function basicCredentials(req: SimRequest): { id: string; secret?: string } | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !/^Basic\s+/i.test(header)) return undefined;
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const decode = (v: string): string => {
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      return v;
    }
  };
  if (colon < 0) return { id: decode(decoded) };
  // RFC 6749 section 2.3.1: both parts are form-urlencoded before the Basic encoding.
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

/**
 * Salesforce's OAuth and identity endpoints for the simulator, on the org's My Domain:
 * /services/oauth2/authorize auto-approves and redirects back with code + state (PKCE S256
 * checked at the token endpoint), /services/oauth2/token serves authorization_code,
 * refresh_token and client_credentials, /services/oauth2/revoke ends a token, and
 * /services/oauth2/userinfo says who a session belongs to. Token responses carry no
 * expires_in: a Salesforce session lasts until its timeout, learnt from a 401.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { bearerToken, json, type Router, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { SALESFORCE_OAUTH_PATHS as P } from '../descriptor.js';
import type { SalesforceSimState } from './state.js';
import { pkceMatches, redirectAllowed, safeEqual } from '../../simulator-kit/oauth.js';

/** Salesforce authorization codes are valid for 15 minutes, once. */
const CODE_TTL_MS = 15 * 60_000;

interface PendingCode {
  userId: string;
  redirectUri: string;
  challenge?: string;
  scope: string;
  expiresAt: number;
}

const oauthError = (error: string, description: string, status = 400): SimResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store' });

/** The identity endpoints answer a bad session with 403 and a bare word, not JSON. */
const identityError = (word: string): SimResponse => ({ status: 403, raw: word, contentType: 'text/plain; charset=utf-8' });

export function addOAuthRoutes(router: Router, state: SalesforceSimState): void {
  const codes = new Map<string, PendingCode>();
  router.get(P.authorize, (req) => authorize(req, state, codes), { public: true });
  router.post(P.token, (req) => token(req, state, codes), { public: true });
  router.post(P.revoke, (req) => revoke(req, state), { public: true });
  router.get(P.revoke, (req) => revoke(req, state), { public: true });
  router.get(P.userinfo, (req) => userinfo(req, state), { public: true });
}

function authorize(req: SimRequest, state: SalesforceSimState, codes: Map<string, PendingCode>): SimResponse {
  const q = req.query;
  if (q.get('client_id') !== state.client.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
  const redirectUri = q.get('redirect_uri') ?? '';
  // Never redirect to an unregistered URI: Salesforce shows the error on its own page instead.
  if (!redirectAllowed(redirectUri, state.client.redirectUris)) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
  const back = (params: Record<string, string>): SimResponse => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const stateParam = q.get('state');
    if (stateParam !== null) url.searchParams.set('state', stateParam);
    return { status: 302, headers: { location: url.href }, raw: '' };
  };
  if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'response type not supported' });
  const challenge = q.get('code_challenge') ?? undefined;
  if (challenge !== undefined && (q.get('code_challenge_method') ?? 'S256') !== 'S256') {
    return back({ error: 'invalid_request', error_description: 'invalid code_challenge_method' });
  }
  const scope = q.get('scope')?.trim() || state.client.scopes.join(' ');
  const unknown = scope.split(/\s+/).filter((s) => !state.client.scopes.includes(s));
  if (unknown.length > 0) return back({ error: 'invalid_scope', error_description: 'the requested scope is not allowed' });
  const code = `aPrx${randomBytes(30).toString('base64url')}`;
  codes.set(code, { userId: state.signedInUserId, redirectUri, challenge, scope, expiresAt: state.clock() + CODE_TTL_MS });
  return back({ code });
}

function token(req: SimRequest, state: SalesforceSimState, codes: Map<string, PendingCode>): SimResponse {
  const form = formOf(req);
  const { id, secret } = clientCredentialsOf(req, form);
  if (id !== state.client.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
  const secretOk = secret !== undefined && safeEqual(secret, state.client.clientSecret);
  if (secret !== undefined && !secretOk) return oauthError('invalid_client', 'invalid client credentials');
  const now = state.clock();

  switch (form.grant_type) {
    case 'client_credentials': {
      if (!secretOk) return oauthError('invalid_client', 'invalid client credentials');
      if (!state.knobs.clientCredentialsEnabled) return oauthError('invalid_grant', 'no client credentials user enabled');
      // No refresh token in this flow: the app asks for a new session when the old one times out.
      const scope = state.client.scopes.filter((s) => s !== 'refresh_token' && s !== 'offline_access').join(' ');
      const issued = state.sessions.issue(state.signedInUserId, scope, now, false);
      return tokenResponse(state, issued, state.signedInUserId, scope, now);
    }
    case 'authorization_code': {
      const pending = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      if (!pending || now >= pending.expiresAt) return oauthError('invalid_grant', 'invalid authorization code');
      if (form.redirect_uri !== pending.redirectUri) return oauthError('invalid_grant', 'redirect_uri must match configuration');
      if (pending.challenge !== undefined ? !pkceMatches(form.code_verifier, pending.challenge) : form.code_verifier !== undefined) {
        return oauthError('invalid_grant', 'invalid code verifier');
      }
      // A confidential client proves itself with the secret or, without one, with PKCE.
      if (!secretOk && pending.challenge === undefined) return oauthError('invalid_client', 'invalid client credentials');
      const scopes = pending.scope.split(/\s+/);
      const withRefresh = scopes.includes('refresh_token') || scopes.includes('offline_access');
      const issued = state.sessions.issue(pending.userId, pending.scope, now, withRefresh);
      return tokenResponse(state, issued, pending.userId, pending.scope, now);
    }
    case 'refresh_token': {
      const refreshed = state.sessions.refresh(form.refresh_token ?? '', now);
      if (!refreshed) return oauthError('invalid_grant', 'expired access/refresh token');
      // Salesforce does not rotate refresh tokens: the response carries none.
      return tokenResponse(state, { accessToken: refreshed.accessToken }, refreshed.userId, refreshed.scope, now);
    }
    default:
      return oauthError('unsupported_grant_type', 'grant type not supported');
  }
}

function tokenResponse(
  state: SalesforceSimState,
  issued: { accessToken: string; refreshToken?: string },
  userId: string,
  scope: string,
  now: number,
): SimResponse {
  const origin = state.instanceOrigin ?? state.origin();
  const id = `${origin}/id/${state.org.orgId}/${userId}`;
  const issuedAt = String(now);
  const body: Record<string, unknown> = {
    access_token: issued.accessToken,
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    signature: createHmac('sha256', state.client.clientSecret).update(id + issuedAt).digest('base64'),
    scope,
    instance_url: origin,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
  return json(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

function revoke(req: SimRequest, state: SalesforceSimState): SimResponse {
  const token = formOf(req).token ?? req.query.get('token') ?? '';
  if (!token) return oauthError('unsupported_token_type', 'this token type is not supported');
  // Unknown tokens answer 200 too (RFC 7009): revoking twice must not fail a disconnect.
  state.sessions.revoke(token);
  return { status: 200, raw: '' };
}

function userinfo(req: SimRequest, state: SalesforceSimState): SimResponse {
  const host = String(req.headers.host ?? '');
  state.hosts.set(host, (state.hosts.get(host) ?? 0) + 1);
  const token = bearerToken(req);
  if (!token) return identityError('Missing_OAuth_Token');
  const user = state.user(state.sessions.check(token, state.clock(), state.knobs.sessionTimeoutMs, state.knobs.sessionMaxCalls) ?? '');
  if (!user) return identityError('Bad_OAuth_Token');
  const origin = state.origin();
  const [given, ...family] = user.name.split(' ');
  return json(200, {
    sub: `${origin}/id/${state.org.orgId}/${user.id}`,
    user_id: user.id,
    organization_id: state.org.orgId,
    preferred_username: user.username,
    nickname: user.username.split('@')[0],
    name: user.name,
    email: user.email,
    email_verified: true,
    given_name: family.length ? given : undefined,
    family_name: family.length ? family.join(' ') : user.name,
    zoneinfo: 'Europe/Berlin',
    profile: `${origin}/${user.id}`,
    active: user.isActive,
    user_type: user.userType === 'Standard' ? 'STANDARD' : user.userType.toUpperCase(),
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 3_600_000,
    updated_at: user.createdDate,
    is_app_installed: true,
  });
}

function formOf(req: SimRequest): Record<string, string | undefined> {
  const body = req.body;
  if (typeof body !== 'object' || body === null) return {};
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** client_secret_basic or client_secret_post. */
function clientCredentialsOf(req: SimRequest, form: Record<string, string | undefined>): { id?: string; secret?: string } {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^Basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const id = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const secret = colon >= 0 ? decoded.slice(colon + 1) : undefined;
    // RFC 6749 section 2.3.1: both parts are form-urlencoded before Basic encoding.
    return { id: safeDecode(id), secret: secret === undefined ? undefined : safeDecode(secret) };
  }
  return { id: form.client_id, secret: form.client_secret };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

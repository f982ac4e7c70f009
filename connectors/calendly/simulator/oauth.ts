/**
 * Calendly's OAuth endpoints for the simulator (auth.calendly.com in real life; here on the
 * same origin): /oauth/authorize auto-approves and redirects with code + state, /oauth/token
 * exchanges codes (PKCE S256 checked) and rotates single-use refresh tokens, /oauth/revoke
 * ends a grant. Errors use OAuth's {"error","error_description"}.
 */
import { randomBytes } from 'node:crypto';
import { json, type Router, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import type { CalendlySimState } from './state.js';
import { pkceMatches, redirectAllowed, safeEqual } from '../../simulator-kit/oauth.js';

/** Calendly: authorization codes expire after 10 minutes and work once. */
const CODE_TTL_MS = 10 * 60_000;
const DEFAULT_SCOPE = 'default';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  memberUri: string;
  scope: string;
  expiresAt: number;
  used: boolean;
  /** Tokens issued from this code: revoked if the code is replayed (RFC 6749 section 4.1.2). */
  accessToken?: string;
}

const oauthError = (status: number, error: string, description: string): SimResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store' });

export function addOAuthRoutes(router: Router, state: CalendlySimState): void {
  const codes = new Map<string, PendingCode>();

  router.get('/oauth/authorize', (req) => authorize(req, state, codes), { public: true });
  router.post('/oauth/token', (req) => token(req, state, codes), { public: true });
  router.post('/oauth/revoke', (req) => revoke(req, state), { public: true });
}

function authorize(req: SimRequest, state: CalendlySimState, codes: Map<string, PendingCode>): SimResponse {
  const q = req.query;
  const client = state.oauthClient;
  if (q.get('client_id') !== client.clientId) return oauthError(400, 'invalid_client', 'The client identifier provided is invalid.');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!redirectAllowed(redirectUri, client.redirectUris)) {
    // Never redirect to an unregistered URI: answer here instead.
    return oauthError(400, 'invalid_request', 'The redirect uri included is not valid.');
  }
  const back = (params: Record<string, string>): SimResponse => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const stateParam = q.get('state');
    if (stateParam !== null) url.searchParams.set('state', stateParam);
    return { status: 302, headers: { location: url.href }, raw: '' };
  };
  if (q.get('response_type') !== 'code') {
    return back({ error: 'unsupported_response_type', error_description: 'The authorization server does not support this response type.' });
  }
  const challenge = q.get('code_challenge') ?? '';
  if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return back({ error: 'invalid_request', error_description: 'code_challenge with code_challenge_method S256 is required.' });
  }
  if (state.knobs.oauthConsent === 'deny') {
    return back({ error: 'access_denied', error_description: 'The resource owner or authorization server denied the request.' });
  }
  const code = randomBytes(24).toString('base64url');
  codes.set(code, {
    clientId: client.clientId,
    redirectUri,
    challenge,
    memberUri: state.signedIn.userUri,
    scope: q.get('scope')?.trim() || DEFAULT_SCOPE,
    expiresAt: state.clock() + CODE_TTL_MS,
    used: false,
  });
  return back({ code });
}

function token(req: SimRequest, state: CalendlySimState, codes: Map<string, PendingCode>): SimResponse {
  const form = formOf(req);
  const clientId = authenticateClient(req, form, state);
  if (!clientId) {
    return oauthError(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
  }
  const now = state.clock();
  const ttl = state.knobs.accessTokenTtlMs;
  const invalidGrant = (): SimResponse =>
    oauthError(400, 'invalid_grant', 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.');

  switch (form.grant_type) {
    case 'authorization_code': {
      const pending = codes.get(form.code ?? '');
      if (!pending || pending.clientId !== clientId || now >= pending.expiresAt) return invalidGrant();
      if (pending.used) {
        // A replayed code may be stolen: end what it already granted.
        const grant = pending.accessToken ? state.tokens.grantOf(pending.accessToken) : undefined;
        if (grant) grant.revoked = true;
        return invalidGrant();
      }
      if (form.redirect_uri !== pending.redirectUri || !pkceMatches(form.code_verifier, pending.challenge)) return invalidGrant();
      pending.used = true;
      const pair = state.tokens.issue(pending.memberUri, clientId, pending.scope, now, ttl);
      pending.accessToken = pair.accessToken;
      return tokenResponse(state, pair, pending.scope, pending.memberUri, now);
    }
    case 'refresh_token': {
      const rotated = state.tokens.rotate(form.refresh_token ?? '', clientId, now, ttl);
      if (!rotated) return invalidGrant();
      return tokenResponse(state, rotated, rotated.grant.scope, rotated.grant.memberUri, now);
    }
    default:
      return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
  }
}

function revoke(req: SimRequest, state: CalendlySimState): SimResponse {
  const form = formOf(req);
  const clientId = authenticateClient(req, form, state);
  if (!clientId) return oauthError(401, 'invalid_client', 'Client authentication failed.');
  if (!form.token) return oauthError(400, 'invalid_request', 'The token parameter is required.');
  state.tokens.revoke(form.token, clientId);
  return json(200, {});
}

function tokenResponse(
  state: CalendlySimState,
  pair: { accessToken: string; refreshToken: string },
  scope: string,
  memberUri: string,
  now: number,
): SimResponse {
  return json(
    200,
    {
      token_type: 'Bearer',
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: Math.floor(state.knobs.accessTokenTtlMs / 1000),
      scope,
      created_at: Math.floor(now / 1000),
      owner: memberUri,
      organization: state.org.uri,
    },
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

/** client_secret_basic or client_secret_post; answers the client id when the secret is right. */
function authenticateClient(req: SimRequest, form: Record<string, string | undefined>, state: CalendlySimState): string | undefined {
  let id = form.client_id;
  let secret = form.client_secret;
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^Basic\s+/i.test(header)) {
    const [user, pass] = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8').split(':');
    id = decodeURIComponent(user ?? '');
    secret = decodeURIComponent(pass ?? '');
  }
  const client = state.oauthClient;
  return id === client.clientId && secret !== undefined && safeEqual(secret, client.clientSecret) ? id : undefined;
}

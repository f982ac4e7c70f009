/**
 * Zoom's token endpoint for Server-to-Server OAuth apps (zoom.us/oauth/token in real life,
 * here on the simulator's origin): POST with `Authorization: Basic base64(client_id:client_secret)`
 * and grant_type=account_credentials&account_id=..., "either as query parameters or in the
 * request body using the x-www-form-urlencoded format" (Zoom, "OAuth 2.0", Server to Server).
 * The token lives one hour, there is no refresh token, and several may be valid at once.
 * Errors use Zoom's OAuth body {"reason", "error"}, with the reasons of Zoom's "OAuth error
 * messages" page and the observed {"reason":"Invalid client_id or client_secret","error":"invalid_client"}.
 */
import { randomBytes } from 'node:crypto';
import { json, safeEqual, type Router, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import type { ZoomSimAccount, ZoomSimState } from './state.js';

export const ZOOM_TOKEN_PATH = '/oauth/token';
/** "The token's time to live is one hour (3600 seconds)." */
export const ZOOM_TOKEN_TTL_S = 3600;

const oauthError = (reason: string, error: string, status = 400): SimResponse => json(status, { reason, error }, { 'cache-control': 'no-store' });

export function addTokenRoute(router: Router, state: ZoomSimState): void {
  router.post(ZOOM_TOKEN_PATH, (req) => token(req, state), { public: true });
}

/** Mints a token for an account, as the endpoint does; tests use it to hand out narrower scopes. */
export function mintToken(state: ZoomSimState, accountId: string, scopes: readonly string[], ttlMs = ZOOM_TOKEN_TTL_S * 1000, counted = true): string {
  // Real tokens are JWTs; the connector treats them as opaque, so an opaque string will do.
  const accessToken = `zsim.${randomBytes(24).toString('base64url')}`;
  state.tokens.set(accessToken, { accountId, scopes: new Set(scopes), expiresAt: state.clock() + ttlMs });
  if (counted) state.counters.tokensIssued += 1;
  return accessToken;
}

function token(req: SimRequest, state: ZoomSimState): SimResponse {
  const form = formOf(req);
  // Query parameters and form fields both count; the form wins when both are sent.
  const param = (name: string): string | undefined => form[name] ?? req.query.get(name) ?? undefined;
  const client = basicCredentials(req) ?? (form.client_id !== undefined ? { id: form.client_id, secret: form.client_secret } : undefined);
  if (!client?.id || client.secret === undefined || client.secret === '') return oauthError('Client ID or client secret is missing.', 'invalid_client');

  const app = appOf(state, client.id);
  if (!app || !safeEqual(client.secret, app.app.clientSecret)) return oauthError('Invalid client_id or client_secret', 'invalid_client');

  const grantType = param('grant_type');
  if (!grantType) return oauthError('Missing grant type', 'invalid_request');
  if (grantType !== 'account_credentials') return oauthError('Unsupported grant type', 'unsupported_grant_type');

  const accountId = param('account_id');
  if (!accountId) return oauthError('Missing account_id', 'invalid_request');
  // A Server-to-Server OAuth app belongs to one account: its credentials mint tokens for that account only.
  if (accountId !== app.org.accountId) return oauthError('Invalid account_id', 'invalid_request');

  const accessToken = mintToken(state, accountId, app.app.scopes);
  return json(
    200,
    {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ZOOM_TOKEN_TTL_S,
      scope: app.app.scopes.join(' '),
      api_url: state.origin(),
    },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

function appOf(state: ZoomSimState, clientId: string): ZoomSimAccount | undefined {
  for (const account of state.accounts.values()) if (account.app.clientId === clientId) return account;
  return undefined;
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
  if (colon < 0) return { id: safeDecode(decoded) };
  // RFC 6749 section 2.3.1: clients may form-urlencode both parts before Basic encoding.
  return { id: safeDecode(decoded.slice(0, colon)), secret: safeDecode(decoded.slice(colon + 1)) };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * The Calendly simulator's OAuth endpoints, driven by oauth4webapi (the library main signs in
 * with): PKCE S256, 2-hour access tokens, single-use rotating refresh tokens, revocation.
 */
import * as oauth from 'oauth4webapi';
import { afterEach, describe, expect, it } from 'vitest';
import { createCalendlyConnector } from '../../../connectors/calendly/connector.js';
import { calendlyHttpOptions } from '../../../connectors/calendly/http-options.js';
import { startCalendlySimulator, type CalendlySimulator } from '../../../connectors/calendly/simulator/index.js';
import { createHttpClient, type AuthProvider } from '../../../connectors/http/index.js';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';

const NOW = new Date('2025-06-02T00:00:00.000Z');
const REDIRECT = 'http://127.0.0.1:53682/callback';
const insecure = { [oauth.allowInsecureRequests]: true };

let sim: CalendlySimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface Setup {
  sim: CalendlySimulator;
  clock: FakeClock;
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
}

async function setup(): Promise<Setup> {
  const clock = new FakeClock(NOW.getTime());
  sim = await startCalendlySimulator({ seed: 3, size: 12, now: NOW, clock: clock.now, oauth: { redirectUris: [REDIRECT] } });
  const as: oauth.AuthorizationServer = {
    issuer: sim.origin,
    authorization_endpoint: sim.oauth.authorizeUrl,
    token_endpoint: sim.oauth.tokenUrl,
    revocation_endpoint: sim.oauth.revokeUrl,
  };
  return { sim, clock, as, client: { client_id: sim.oauth.clientId }, auth: oauth.ClientSecretPost(sim.oauth.clientSecret) };
}

/** The browser leg: the simulator auto-approves and redirects back with code and state. */
async function authorize(s: Setup, verifier: string, extra: Record<string, string> = {}): Promise<URL> {
  const url = new URL(s.sim.oauth.authorizeUrl);
  const params = {
    client_id: s.sim.oauth.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    state: 'st4te',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    scope: 'users:read organizations:read',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

async function signIn(s: Setup): Promise<oauth.TokenEndpointResponse> {
  const verifier = oauth.generateRandomCodeVerifier();
  const params = oauth.validateAuthResponse(s.as, s.client, await authorize(s, verifier), 'st4te');
  const res = await oauth.authorizationCodeGrantRequest(s.as, s.client, s.auth, params, REDIRECT, verifier, insecure);
  return oauth.processAuthorizationCodeResponse(s.as, s.client, res);
}

async function refresh(s: Setup, refreshToken: string): Promise<Response> {
  return oauth.refreshTokenGrantRequest(s.as, s.client, s.auth, refreshToken, insecure);
}

const me = (s: Setup, token: string): Promise<Response> => fetch(`${s.sim.url}/users/me`, { headers: { authorization: `Bearer ${token}` } });

describe('Calendly simulator OAuth', () => {
  it('signs in with PKCE S256 and answers as the signed-in member', async () => {
    const s = await setup();
    const tokens = await signIn(s);
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: 'users:read organizations:read', owner: s.sim.connected.userUri });
    const res = await me(s, tokens.access_token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { resource: { uri: string } }).resource.uri).toBe(s.sim.connected.userUri);
  });

  it('rejects a wrong code verifier', async () => {
    const s = await setup();
    const verifier = oauth.generateRandomCodeVerifier();
    const params = oauth.validateAuthResponse(s.as, s.client, await authorize(s, verifier), 'st4te');
    const wrong = await oauth.authorizationCodeGrantRequest(s.as, s.client, s.auth, params, REDIRECT, oauth.generateRandomCodeVerifier(), insecure);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rejects a replayed code and ends what it granted', async () => {
    const s = await setup();
    const verifier = oauth.generateRandomCodeVerifier();
    const params = oauth.validateAuthResponse(s.as, s.client, await authorize(s, verifier), 'st4te');
    const first = await oauth.authorizationCodeGrantRequest(s.as, s.client, s.auth, params, REDIRECT, verifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(s.as, s.client, first);
    const replay = await oauth.authorizationCodeGrantRequest(s.as, s.client, s.auth, params, REDIRECT, verifier, insecure);
    expect(replay.status).toBe(400);
    expect((await me(s, tokens.access_token)).status).toBe(401);
  });

  it('sends the browser back with invalid_request without PKCE S256, and refuses an unregistered redirect URI', async () => {
    const s = await setup();
    const back = await authorize(s, oauth.generateRandomCodeVerifier(), { code_challenge_method: 'plain' });
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('st4te');
    const url = new URL(s.sim.oauth.authorizeUrl);
    url.searchParams.set('client_id', s.sim.oauth.clientId);
    url.searchParams.set('redirect_uri', 'http://127.0.0.1:1/elsewhere');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('rotates refresh tokens: each works once, reusing the old one is invalid_grant', async () => {
    const s = await setup();
    const first = await signIn(s);
    const second = await oauth.processRefreshTokenResponse(s.as, s.client, await refresh(s, first.refresh_token as string));
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);

    const reused = await refresh(s, first.refresh_token as string);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.any(String) });

    const third = await oauth.processRefreshTokenResponse(s.as, s.client, await refresh(s, second.refresh_token as string));
    expect((await me(s, third.access_token)).status).toBe(200);
  });

  it('expires access tokens after two hours with Calendly\'s 401; personal access tokens never expire', async () => {
    const s = await setup();
    const tokens = await signIn(s);
    s.clock.advance(2 * 60 * 60_000);
    const expired = await me(s, tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ title: 'Unauthenticated', message: 'The access token expired' });
    expect((await me(s, s.sim.token)).status).toBe(200);
  });

  it('revokes the whole grant', async () => {
    const s = await setup();
    const tokens = await signIn(s);
    await oauth.processRevocationResponse(await oauth.revocationRequest(s.as, s.client, s.auth, tokens.refresh_token as string, insecure));
    expect((await me(s, tokens.access_token)).status).toBe(401);
    expect((await refresh(s, tokens.refresh_token as string)).status).toBe(400);
  });

  it('lets the connector ride a refresh on 401 and store the rotated token at once', async () => {
    const s = await setup();
    let current = await signIn(s);
    const spent: string[] = [];
    const auth: AuthProvider = {
      async apply(headers) {
        headers.set('authorization', `Bearer ${current.access_token}`);
      },
      async refresh() {
        spent.push(current.refresh_token as string);
        current = await oauth.processRefreshTokenResponse(s.as, s.client, await refresh(s, current.refresh_token as string));
        return true;
      },
    };
    const http = createHttpClient({ baseUrl: s.sim.url, vendorName: 'Calendly', auth, sleep: s.clock.sleep, ...calendlyHttpOptions });
    const connector = createCalendlyConnector({
      http,
      settings: { baseUrl: s.sim.url, grantType: 'authorization_code', options: {} },
      signal: new AbortController().signal,
      progress: () => undefined,
      now: () => NOW,
    });
    s.clock.advance(2 * 60 * 60_000 + 1);
    let seats = 0;
    for await (const page of connector.subscriptions()) seats += page.length;
    expect(seats).toBe(12);
    expect(spent).toHaveLength(1);
    expect((await refresh(s, spent[0] as string)).status).toBe(400);
  });
});

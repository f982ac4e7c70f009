/**
 * The authorization code AuthProvider against a real OAuth 2.0 server: proactive refresh,
 * refresh after a 401, refresh token rotation written to the keychain at once, concurrent
 * refreshes coalesced, and a refused refresh turning into "needs sign-in".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../../connectors/http/client.js';
import { AuthError } from '../../../main/auth/errors.js';
import { createAuthProvider } from '../../../main/auth/provider.js';
import { loadTokens, saveTokens } from '../../../main/auth/tokens.js';
import { testKeychain, type TestKeychain } from './keychain.js';
import { CONFIDENTIAL, startAuthServer, type TestAuthServer } from './oauth-test-server.js';
import { unusedPort } from './ports.js';
import { nearExpiry, oauthSettings, signIn } from './sign-in-helper.js';

let server: TestAuthServer;
let keychain: TestKeychain;

beforeAll(async () => {
  server = await startAuthServer();
  keychain = testKeychain();
});
afterEach(async () => {
  server.refreshFailure = undefined;
  await keychain.cleanup();
});
afterAll(async () => {
  await keychain?.cleanup();
  await server?.close();
});

const refreshes = () => server.tokenRequests.refresh_token ?? 0;
const bearer = async (provider: { apply(h: Headers): Promise<void> }) => {
  const headers = new Headers();
  await provider.apply(headers);
  return headers.get('authorization');
};

/** Uses a refresh token directly at the server, as an attacker holding an old copy would. */
async function refreshDirectly(refreshToken: string): Promise<unknown> {
  const as: oauth.AuthorizationServer = { issuer: server.issuer, token_endpoint: server.tokenUrl };
  const client: oauth.Client = { client_id: CONFIDENTIAL.clientId };
  const res = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretPost(CONFIDENTIAL.clientSecret), refreshToken, {
    [oauth.allowInsecureRequests]: true,
  });
  return oauth.processRefreshTokenResponse(as, client, res).then(
    () => 'accepted',
    (e: unknown) => (e instanceof oauth.ResponseBodyError ? e.error : e),
  );
}

describe('authorization code provider', () => {
  it('sends the stored access token while it is fresh, without refreshing', async () => {
    const tokens = await signIn(server, keychain.vault, 'a1');
    const before = refreshes();
    const provider = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault });
    expect(await bearer(provider)).toBe(`Bearer ${tokens.accessToken}`);
    expect(refreshes()).toBe(before);
  });

  it('refreshes an access token that expires within 60 s, stores the new tokens, and the old refresh token is dead', async () => {
    const first = await signIn(server, keychain.vault, 'a1');
    const before = refreshes();
    const provider = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault, now: nearExpiry(first) });

    const header = await bearer(provider);
    expect(refreshes()).toBe(before + 1);
    const stored = await loadTokens(keychain.vault, 'a1');
    expect(stored?.accessToken).not.toBe(first.accessToken);
    expect(header).toBe(`Bearer ${stored?.accessToken}`);
    expect(stored?.refreshToken).toBeTruthy();
    expect(stored?.refreshToken).not.toBe(first.refreshToken); // rotated
    expect(await server.isActive(stored?.accessToken as string)).toBe(true);

    // The rotated refresh token in the keychain is the one that works now...
    const again = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault });
    expect(await again.refresh()).toBe(true);
    const latest = await loadTokens(keychain.vault, 'a1');
    expect(latest?.refreshToken).not.toBe(stored?.refreshToken);
    // ...and the first one no longer does.
    expect(await refreshDirectly(first.refreshToken as string)).toBe('invalid_grant');
  });

  it('refreshes once after a 401 and returns true', async () => {
    const first = await signIn(server, keychain.vault, 'a1');
    const provider = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault });
    expect(await bearer(provider)).toBe(`Bearer ${first.accessToken}`);
    const before = refreshes();
    expect(await provider.refresh()).toBe(true);
    expect(refreshes()).toBe(before + 1);
    const stored = await loadTokens(keychain.vault, 'a1');
    expect(await bearer(provider)).toBe(`Bearer ${stored?.accessToken}`);
    expect(stored?.accessToken).not.toBe(first.accessToken);
  });

  it('writes the rotated refresh token to the keychain before the new access token is used', async () => {
    const first = await signIn(server, keychain.vault, 'a1');
    const order: string[] = [];
    const realSet = keychain.vault.set.bind(keychain.vault);
    const spy = vi.spyOn(keychain.vault, 'set').mockImplementation(async (account, secret) => {
      order.push(`keychain:${account}`);
      return realSet(account, secret);
    });
    try {
      const provider = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault, now: nearExpiry(first) });
      const headers = new Headers();
      await provider.apply(headers);
      order.push('used');
      expect(order).toEqual(['keychain:a1:tokens', 'used']);
    } finally {
      spy.mockRestore();
    }
  });

  it('coalesces concurrent refreshes into one, so a single-use refresh token is spent once', async () => {
    const first = await signIn(server, keychain.vault, 'a1');
    const before = refreshes();
    const now = nearExpiry(first);
    server.tokenDelayMs = 150; // keep the refresh in flight while the others arrive
    try {
      const a = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault, now });
      const b = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault, now });
      const headers = await Promise.all([
        ...Array.from({ length: 6 }, () => bearer(a)),
        ...Array.from({ length: 6 }, () => bearer(b)),
        a.refresh(),
        b.refresh(),
      ]);
      expect(refreshes()).toBe(before + 1);
      const stored = await loadTokens(keychain.vault, 'a1');
      expect(new Set(headers.slice(0, 12))).toEqual(new Set([`Bearer ${stored?.accessToken}`]));
    } finally {
      server.tokenDelayMs = 0;
    }
    // The refresh token in the keychain was not burnt by a second, racing refresh.
    const later = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault });
    expect(await later.refresh()).toBe(true);
  });

  it('a refresh the vendor refuses marks the connection "needs sign-in" and says to sign in again', async () => {
    const first = await signIn(server, keychain.vault, 'a1');
    // The grant is revoked at the vendor (e.g. the administrator removed the app).
    const revoke = await fetch(server.revokeUrl, {
      method: 'POST',
      body: new URLSearchParams({ token: first.refreshToken as string, client_id: CONFIDENTIAL.clientId, client_secret: CONFIDENTIAL.clientSecret }),
    });
    expect(revoke.status).toBe(200);

    const reasons: string[] = [];
    const provider = createAuthProvider({
      aliasId: 'a1',
      settings: oauthSettings(server),
      vault: keychain.vault,
      onNeedsSignIn: (reason) => void reasons.push(reason),
      now: nearExpiry(first),
    });
    const error = await provider.apply(new Headers()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('needs_signin');
    expect((error as AuthError).message).toMatch(/sign in again/i);
    expect((error as AuthError).message).toContain('invalid_grant');
    expect(reasons).toHaveLength(1);

    // Later calls say so at once, without asking the vendor again.
    const before = refreshes();
    await expect(provider.apply(new Headers())).rejects.toMatchObject({ code: 'needs_signin' });
    await expect(provider.refresh()).rejects.toMatchObject({ code: 'needs_signin' });
    expect(refreshes()).toBe(before);
    expect(reasons).toHaveLength(1);
  });

  it('a vendor that cannot be reached is a retryable refresh failure, not "needs sign-in"', async () => {
    const first = await signIn(server, keychain.vault, 'a1');
    const reasons: string[] = [];
    const provider = createAuthProvider({
      aliasId: 'a1',
      settings: oauthSettings(server, { tokenUrl: `http://127.0.0.1:${await unusedPort()}/token` }),
      vault: keychain.vault,
      onNeedsSignIn: (reason) => void reasons.push(reason),
      now: nearExpiry(first),
    });
    await expect(provider.apply(new Headers())).rejects.toMatchObject({ code: 'refresh_failed', retryable: true });
    expect(reasons).toEqual([]);
    expect((await loadTokens(keychain.vault, 'a1'))?.refreshToken).toBe(first.refreshToken);
  });

  it('with nothing stored, or an expired token and no refresh token, asks to sign in again', async () => {
    const reasons: string[] = [];
    const none = createAuthProvider({ aliasId: 'missing', settings: oauthSettings(server), vault: keychain.vault, onNeedsSignIn: (r) => void reasons.push(r) });
    await expect(none.apply(new Headers())).rejects.toMatchObject({ code: 'needs_signin' });

    await saveTokens(keychain.vault, 'sf', { accessToken: 'salesforce-session-0000000001', expiresAt: new Date(Date.now() - 1000).toISOString() });
    const expired = createAuthProvider({ aliasId: 'sf', settings: oauthSettings(server), vault: keychain.vault, onNeedsSignIn: (r) => void reasons.push(r) });
    await expect(expired.apply(new Headers())).rejects.toMatchObject({ code: 'needs_signin' });
    expect(reasons).toHaveLength(2);
  });

  it('a token without expiry (Salesforce) is used until a 401; with no refresh token the 401 asks to sign in again', async () => {
    await saveTokens(keychain.vault, 'sf', { accessToken: 'salesforce-session-0000000002', instanceUrl: 'https://acme.my.salesforce.com' });
    const provider = createAuthProvider({ aliasId: 'sf', settings: oauthSettings(server), vault: keychain.vault });
    expect(await bearer(provider)).toBe('Bearer salesforce-session-0000000002');
    await expect(provider.refresh()).rejects.toMatchObject({ code: 'needs_signin' });
  });

  it('works with the connectors\' HTTP client: a 401 refreshes once and the request is retried', async () => {
    await signIn(server, keychain.vault, 'a1');
    const api = await startResourceServer(server);
    try {
      const provider = createAuthProvider({ aliasId: 'a1', settings: oauthSettings(server), vault: keychain.vault });
      const client = createHttpClient({ baseUrl: api.url, vendorName: 'Test vendor', auth: provider, policy: { maxAttempts: 1 } });
      expect((await client.request<{ ok: boolean }>({ url: '/me' })).body).toEqual({ ok: true });

      // The vendor ends the session (Salesforce's session timeout): the next call answers 401.
      const stale = await loadTokens(keychain.vault, 'a1');
      api.expire(stale?.accessToken as string);
      const before = refreshes();
      expect((await client.request<{ ok: boolean }>({ url: '/me' })).body).toEqual({ ok: true });
      expect(refreshes()).toBe(before + 1);
      expect(api.statuses).toEqual([200, 401, 200]);
      expect((await loadTokens(keychain.vault, 'a1'))?.accessToken).not.toBe(stale?.accessToken);
    } finally {
      await api.close();
    }
  });
});

/**
 * An API that accepts a bearer token while the authorization server says it is active and
 * the API has not ended its session (`expire`).
 */
async function startResourceServer(
  auth: TestAuthServer,
): Promise<{ url: string; statuses: number[]; expire(token: string): void; close(): Promise<void> }> {
  const statuses: number[] = [];
  const expired = new Set<string>();
  const http: Server = createServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    void (token && !expired.has(token) ? auth.isActive(token) : Promise.resolve(false)).then((active) => {
      const status = active ? 200 : 401;
      statuses.push(status);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(active ? { ok: true } : { error: 'invalid_token' }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    statuses,
    expire: (token) => void expired.add(token),
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

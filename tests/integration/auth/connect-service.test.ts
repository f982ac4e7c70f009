/**
 * connection:authorize / disconnect / addOrg / removeOrg against a real OAuth server
 * (oidc-provider) and a real keychain (gnome-keyring): run under scripts/with-keyring.sh.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { loadTokens } from '../../../main/auth/tokens.js';
import { ConnectionService } from '../../../main/profiles/connection-service.js';
import { secretAccount } from '../../../main/vault/secret-store.js';
import { headlessBrowser } from './browser.js';
import { testKeychain, type TestKeychain } from './keychain.js';
import { CONFIDENTIAL, SCOPES, startAuthServer, type TestAuthServer } from './oauth-test-server.js';

let server: TestAuthServer;
let keychain: TestKeychain;
let dataDir: string;
let app: SeatwiseApp;
/** The "system browser" the app opens: a fresh headless one per attempt. */
let browser = headlessBrowser();
const openExternal = (url: string) => browser.openBrowser(url);

beforeAll(async () => {
  server = await startAuthServer();
  keychain = testKeychain();
});
beforeEach(async () => {
  server.consent = 'approve';
  browser = headlessBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'seatwise-connect-'));
  app = await createApp({ dataDir, transport: 'cli', vault: keychain.vault, openExternal });
});
afterEach(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
  await keychain.cleanup();
});
afterAll(async () => {
  await keychain?.cleanup();
  await server?.close();
});

async function createOAuthProfile(name = 'Asana OAuth', connection: Record<string, unknown> = {}) {
  return app.service['profiles:create']({
    name,
    vendor: 'asana',
    connection: {
      baseUrl: server.issuer,
      grantType: 'authorization_code',
      clientId: CONFIDENTIAL.clientId,
      authorizeUrl: server.authorizeUrl,
      tokenUrl: server.tokenUrl,
      revokeUrl: server.revokeUrl,
      scopes: SCOPES,
      ...connection,
    },
  });
}

/** Asana's token response names the user in `data`; the test server does not, so add it as Asana would. */
const asanaLikeFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  if (!String(input instanceof Request ? input.url : input).startsWith(server.tokenUrl) || !res.ok) return res;
  const body = (await res.json()) as Record<string, unknown>;
  body.data = { gid: '1201', name: 'Ada Admin', email: 'ada@example.com' };
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: res.status, headers });
};

describe('connection:authorize (authorization code + PKCE over the loopback)', () => {
  it('signs in through the browser, keeps the tokens in the keychain only, and marks the alias connected', async () => {
    const created = await createOAuthProfile();
    await app.service['connection:setSecret']({ profileId: created.id, kind: 'clientSecret', value: CONFIDENTIAL.clientSecret });
    const connections = new ConnectionService({ store: app.store, vault: keychain.vault, events: app.events, profiles: app.profiles, now: () => new Date(), openExternal, fetch: asanaLikeFetch });

    const detail = await connections.authorize({ profileId: created.id });
    expect(detail.connection.status).toBe('connected');
    expect(detail.connection.connectedAs).toBe('Ada Admin <ada@example.com>');
    expect(Date.parse(detail.connection.expiresAt as string)).toBeGreaterThan(Date.now());
    expect(detail.connection.hasSecret).toBe(true);
    expect((await browser.pages())[0]?.status).toBe(200);

    const aliasId = created.connection.aliasId;
    const tokens = await loadTokens(keychain.vault, aliasId);
    expect(tokens?.accessToken).toBeTruthy();
    expect(await server.isActive(tokens?.refreshToken as string)).toBe(true);
    const alias = app.store.root.aliases.find((a) => a.id === aliasId);
    expect(alias?.secretKinds.sort()).toEqual(['clientSecret', 'tokens']);
    expect(JSON.stringify(detail)).not.toContain(tokens?.accessToken);
    expect((await app.store.audit.read()).map((e) => e.action)).toContain('connection.connected');
  });

  it('works through the service map with a client secret given on the call, and clears needs_signin', async () => {
    const created = await createOAuthProfile();
    await app.store.update((root) => {
      const p = root.profiles.find((x) => x.id === created.id);
      if (p) p.attention = { kind: 'needs_signin', reason: 'refresh failed', at: new Date().toISOString() };
    });
    const detail = await app.service['connection:authorize']({ profileId: created.id, clientSecret: CONFIDENTIAL.clientSecret });
    expect(detail.connection.status).toBe('connected');
    expect(app.store.root.profiles.find((p) => p.id === created.id)?.attention).toBeUndefined();
    expect((await keychain.vault.list()).sort()).toEqual([secretAccount(created.connection.aliasId, 'clientSecret'), secretAccount(created.connection.aliasId, 'tokens')]);
  });

  it('stores nothing and leaves the alias unchanged when the consent is denied', async () => {
    const created = await createOAuthProfile();
    const before = JSON.stringify(app.store.root.aliases);
    server.consent = 'deny';
    await expect(app.service['connection:authorize']({ profileId: created.id, clientSecret: CONFIDENTIAL.clientSecret })).rejects.toMatchObject({ code: 'access_denied' });
    expect(await keychain.vault.list()).toEqual([]);
    expect(JSON.stringify(app.store.root.aliases)).toBe(before);
    expect((await app.service['profiles:get']({ profileId: created.id })).connection.status).toBe('not_connected');
  });

  it('keeps the earlier sign-in when a later attempt is denied', async () => {
    const created = await createOAuthProfile();
    await app.service['connection:authorize']({ profileId: created.id, clientSecret: CONFIDENTIAL.clientSecret });
    const aliasId = created.connection.aliasId;
    const first = await loadTokens(keychain.vault, aliasId);
    const before = JSON.stringify(app.store.root.aliases);
    server.consent = 'deny';
    browser = headlessBrowser();
    await expect(app.service['connection:authorize']({ profileId: created.id })).rejects.toMatchObject({ code: 'access_denied' });
    expect((await loadTokens(keychain.vault, aliasId))?.accessToken).toBe(first?.accessToken);
    expect(JSON.stringify(app.store.root.aliases)).toBe(before);
  });
});

describe('connection:disconnect', () => {
  it('revokes at the vendor, deletes the keychain entries and marks the alias not connected', async () => {
    const created = await createOAuthProfile();
    await app.service['connection:authorize']({ profileId: created.id, clientSecret: CONFIDENTIAL.clientSecret });
    const tokens = await loadTokens(keychain.vault, created.connection.aliasId);
    const result = await app.service['connection:disconnect']({ profileId: created.id });
    expect(result).toEqual({ revokeErrors: [] });
    expect(await server.isActive(tokens?.refreshToken as string)).toBe(false);
    expect(await server.isActive(tokens?.accessToken as string)).toBe(false);
    expect(await keychain.vault.list()).toEqual([]);
    const detail = await app.service['profiles:get']({ profileId: created.id });
    expect(detail.connection).toMatchObject({ status: 'not_connected', hasSecret: false });
    expect(detail.connection.connectedAs).toBeUndefined();
    expect(detail.connection.expiresAt).toBeUndefined();
  });
});

describe('connection:redirectUri, addOrg and removeOrg', () => {
  it('gives the exact URI for a pinned port and a note otherwise', async () => {
    const loose = await createOAuthProfile('Loose');
    expect(await app.service['connection:redirectUri']({ profileId: loose.id })).toMatchObject({ redirectUri: 'http://127.0.0.1/callback', pinned: false });
    const pinned = await createOAuthProfile('Pinned', { redirectPort: 53682 });
    expect(await app.service['connection:redirectUri']({ profileId: pinned.id })).toMatchObject({ redirectUri: 'http://127.0.0.1:53682/callback', pinned: true });
  });

  it('adds an extra org as a child alias, signs it in, and removing it deletes its secrets', async () => {
    const created = await createOAuthProfile();
    const withOrg = await app.service['connection:addOrg']({
      profileId: created.id,
      label: 'Second workspace',
      connection: { baseUrl: server.issuer, grantType: 'authorization_code', clientId: CONFIDENTIAL.clientId, authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl, revokeUrl: server.revokeUrl, scopes: SCOPES },
    });
    expect(withOrg.extraOrgs).toHaveLength(1);
    const orgId = withOrg.extraOrgs[0]?.aliasId as string;
    expect(app.store.root.aliases.find((a) => a.id === orgId)?.parentAliasId).toBe(created.connection.aliasId);

    const signedIn = await app.service['connection:authorize']({ profileId: created.id, aliasId: orgId, clientSecret: CONFIDENTIAL.clientSecret });
    expect(signedIn.extraOrgs[0]?.status).toBe('connected');
    expect(signedIn.connection.status).toBe('not_connected');
    expect((await keychain.vault.list()).every((a) => a.startsWith(`${orgId}:`))).toBe(true);

    await expect(app.service['connection:removeOrg']({ profileId: created.id, aliasId: created.connection.aliasId })).rejects.toMatchObject({ code: 'invalid_input' });
    const removed = await app.service['connection:removeOrg']({ profileId: created.id, aliasId: orgId });
    expect(removed.extraOrgs).toEqual([]);
    expect(await keychain.vault.list()).toEqual([]);
  });
});

describe('secrets', () => {
  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      const stat = statSync(path);
      // The control socket is no file: nothing is ever written to it.
      return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
    });
  }

  it('leaves no token, code or client secret in any file under the data dir or in any response', async () => {
    const responses: unknown[] = [];
    const created = await createOAuthProfile();
    responses.push(created);
    responses.push(await app.service['connection:authorize']({ profileId: created.id, clientSecret: CONFIDENTIAL.clientSecret }));
    const tokens = await loadTokens(keychain.vault, created.connection.aliasId);
    const code = new URL(browser.callbackUrls[0] as string).searchParams.get('code');
    responses.push(await app.service['profiles:get']({ profileId: created.id }));
    responses.push(await app.service['profiles:list']({}));
    responses.push(await app.service['connection:redirectUri']({ profileId: created.id }));
    responses.push(await app.service['connection:disconnect']({ profileId: created.id }));
    responses.push(await app.service['profiles:get']({ profileId: created.id }));

    const secrets = [tokens?.accessToken, tokens?.refreshToken, code, CONFIDENTIAL.clientSecret].filter((s): s is string => !!s);
    expect(secrets.length).toBe(4);
    const texts = [...filesUnder(dataDir).map((f) => readFileSync(f, 'utf8')), ...responses.map((r) => JSON.stringify(r))];
    for (const secret of secrets) for (const text of texts) expect(text.includes(secret)).toBe(false);
  });
});

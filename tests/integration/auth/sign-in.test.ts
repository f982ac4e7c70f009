/**
 * Authorization code sign-in against a real OAuth 2.0 server (oidc-provider), driven
 * headlessly: the test follows the authorization URL like a browser and delivers the
 * loopback redirect. Each way the attempt can fail ends it with a clear AuthError and
 * leaves the keychain exactly as it was.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signInWithAuthorizationCode } from '../../../main/auth/authorization-code.js';
import { connectWithAuthorizationCode } from '../../../main/auth/connect.js';
import { AuthError } from '../../../main/auth/errors.js';
import { loadCredential, loadTokens } from '../../../main/auth/tokens.js';
import { secretAccount } from '../../../main/vault/secret-store.js';
import { followToCallback, headlessBrowser, openPage, type BrowserPage } from './browser.js';
import { testKeychain, type TestKeychain } from './keychain.js';
import { CONFIDENTIAL, PUBLIC, SCOPES, startAuthServer, type TestAuthServer } from './oauth-test-server.js';
import { unusedPort } from './ports.js';

let server: TestAuthServer;
let keychain: TestKeychain;

beforeAll(async () => {
  server = await startAuthServer();
  keychain = testKeychain();
});
afterEach(async () => {
  server.consent = 'approve';
  server.tokenDelayMs = 0;
  await keychain.cleanup();
});
afterAll(async () => {
  await keychain?.cleanup();
  await server?.close();
});

const settings = (clientId = CONFIDENTIAL.clientId) => ({
  authorizeUrl: server.authorizeUrl,
  tokenUrl: server.tokenUrl,
  clientId,
  scopes: SCOPES,
});

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

/** Connects alias "alias-1" and expects the attempt to fail without storing anything. */
async function expectFailedConnect(
  openBrowser: (url: string) => Promise<void>,
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<AuthError> {
  const error = await rejection(
    connectWithAuthorizationCode({
      aliasId: 'alias-1',
      vault: keychain.vault,
      settings: settings(),
      clientSecret: CONFIDENTIAL.clientSecret,
      openBrowser,
      timeoutMs,
      signal,
    }),
  );
  expect(await keychain.vault.list()).toEqual([]);
  return error;
}

describe('authorization code sign-in over the loopback redirect', () => {
  it('signs in with PKCE S256 and a confidential client; the tokens and the secret go to the keychain', async () => {
    const browser = headlessBrowser();
    const tokens = await connectWithAuthorizationCode({
      aliasId: 'alias-1',
      vault: keychain.vault,
      settings: settings(),
      clientSecret: CONFIDENTIAL.clientSecret,
      openBrowser: browser.openBrowser,
      timeoutMs: 10_000,
    });
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scope?.split(' ').sort()).toEqual([...SCOPES].sort());
    expect(Date.parse(tokens.expiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(await server.isActive(tokens.accessToken)).toBe(true);
    // No token material in the non-secret leftovers of the response.
    expect(JSON.stringify(tokens.raw)).not.toContain(tokens.accessToken);
    expect(JSON.stringify(tokens.raw)).not.toContain(tokens.refreshToken as string);

    const [page] = await browser.pages();
    expect(page?.status).toBe(200);
    expect(page?.html).toContain('You can close this tab and go back to Seatwise');

    const authUrl = new URL(browser.urls[0] ?? '');
    expect(authUrl.origin + authUrl.pathname).toBe(server.authorizeUrl);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(Buffer.from(authUrl.searchParams.get('state') ?? '', 'base64url').length).toBeGreaterThanOrEqual(16);

    expect((await keychain.vault.list()).sort()).toEqual([secretAccount('alias-1', 'clientSecret'), secretAccount('alias-1', 'tokens')].sort());
    expect(await loadTokens(keychain.vault, 'alias-1')).toEqual(tokens);
    expect(await loadCredential(keychain.vault, 'alias-1', 'clientSecret')).toBe(CONFIDENTIAL.clientSecret);

    // The listener is gone: the one answer was taken.
    const redirect = authUrl.searchParams.get('redirect_uri') as string;
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('signs in as a public client (token endpoint auth "none")', async () => {
    const browser = headlessBrowser();
    const tokens = await signInWithAuthorizationCode({ settings: settings(PUBLIC.clientId), openBrowser: browser.openBrowser, timeoutMs: 10_000 });
    expect(await server.isActive(tokens.accessToken, PUBLIC)).toBe(true);
  });

  it('uses a pinned port when the vendor needs the exact redirect URI', async () => {
    const port = await unusedPort();
    const browser = headlessBrowser();
    await signInWithAuthorizationCode({
      settings: { ...settings(), redirectPort: port },
      clientSecret: CONFIDENTIAL.clientSecret,
      openBrowser: browser.openBrowser,
      timeoutMs: 10_000,
    });
    expect(new URL(browser.urls[0] ?? '').searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
  });

  it('says plainly when the pinned port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const error = await rejection(
        signInWithAuthorizationCode({ settings: { ...settings(), redirectPort: port }, openBrowser: async () => {}, timeoutMs: 1_000 }),
      );
      expect(error.code).toBe('loopback_unavailable');
      expect(error.message).toContain(`port ${port}`);
    } finally {
      blocker.close();
    }
  });

  it('refuses an answer with the wrong state, and stores nothing', async () => {
    let page: BrowserPage | undefined;
    const error = await expectFailedConnect(async (url) => {
      void followToCallback(url).then(async (callbackUrl) => {
        const forged = new URL(callbackUrl);
        forged.searchParams.set('state', 'not-the-state-seatwise-sent');
        page = await openPage(forged.href);
      });
    });
    expect(error.code).toBe('state_mismatch');
    expect(error.message).toMatch(/wrong state/);
    expect(page?.status).toBe(400);
    expect(page?.html).toContain('go back to Seatwise');
  });

  it('ends the attempt when the administrator declines consent (access_denied), with the vendor\'s words', async () => {
    server.consent = 'deny';
    const browser = headlessBrowser();
    const error = await expectFailedConnect(browser.openBrowser);
    expect(error.code).toBe('access_denied');
    expect(error.message).toContain('The administrator declined to let Seatwise read users');
    const [page] = await browser.pages();
    expect(page?.status).toBe(400);
    expect(page?.html).toContain('The administrator declined to let Seatwise read users');
  });

  it('gives up after the timeout when no answer comes, and stores nothing', async () => {
    const started = Date.now();
    let redirectUri = '';
    const error = await expectFailedConnect(async (url) => {
      redirectUri = new URL(url).searchParams.get('redirect_uri') as string;
    }, 400);
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/No sign-in answer arrived within \d+ seconds/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    await expect(fetch(redirectUri)).rejects.toThrow(); // the listener was closed
  });

  it('stops the attempt when a second answer arrives while the first is being exchanged', async () => {
    server.tokenDelayMs = 500; // hold the code exchange open
    const browser = headlessBrowser((callbackUrl) => Promise.all([openPage(callbackUrl), openPage(callbackUrl)]));
    const error = await expectFailedConnect(browser.openBrowser);
    expect(error.code).toBe('duplicate_callback');
    expect(error.message).toMatch(/second sign-in answer/);
    const pages = await browser.pages();
    expect(pages.map((p) => p.status)).toEqual([400, 400]);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const error = await expectFailedConnect(async () => {
      setTimeout(() => controller.abort(), 50);
    }, 10_000, controller.signal);
    expect(error.code).toBe('cancelled');
  });

  it('reports a refused code exchange (wrong client secret) without storing anything', async () => {
    const browser = headlessBrowser();
    const error = await rejection(
      connectWithAuthorizationCode({
        aliasId: 'alias-1',
        vault: keychain.vault,
        settings: settings(),
        clientSecret: 'not-the-right-secret-at-all',
        openBrowser: browser.openBrowser,
        timeoutMs: 10_000,
      }),
    );
    expect(error.code).toBe('token_exchange_failed');
    expect(error.message).toContain('invalid_client');
    expect(await keychain.vault.list()).toEqual([]);
    const [page] = await browser.pages();
    expect(page?.status).toBe(400);
  });

  it('refuses plain http to anything but this machine', async () => {
    const error = await rejection(
      signInWithAuthorizationCode({
        settings: { ...settings(), authorizeUrl: 'http://vendor.example.com/oauth/authorize' },
        openBrowser: async () => {},
        timeoutMs: 1_000,
      }),
    );
    expect(error.code).toBe('config');
  });
});

/**
 * Any program on the machine can reach the loopback listener during a sign-in. A callback
 * with the wrong state (or none) must not end the attempt: it is answered 400 and the
 * listener keeps waiting, so the browser's real answer still wins. Against the real
 * oidc-provider server the other auth tests use; secrets held in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWithAuthorizationCode } from '../../../main/auth/connect.js';
import { loadTokens } from '../../../main/auth/tokens.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { MemorySecretStore } from '../../helpers/memory-secret-store.js';
import { followToCallback, openPage, type BrowserPage } from '../auth/browser.js';
import { CONFIDENTIAL, SCOPES, startAuthServer, type TestAuthServer } from '../auth/oauth-test-server.js';

let server: TestAuthServer;
beforeAll(async () => {
  server = await startAuthServer();
});
afterAll(async () => {
  await server?.close();
});

/** Callbacks a stranger could send: the wrong state, no state, a "declined" answer with a guessed state. */
function forgeries(callbackUrl: string): string[] {
  const url = new URL(callbackUrl);
  const wrong = new URL(url);
  wrong.searchParams.set('state', 'not-the-state-seatwise-sent');
  const none = new URL(url);
  none.searchParams.delete('state');
  const declined = new URL(`${url.origin}${url.pathname}`);
  declined.searchParams.set('state', 'guessed');
  declined.searchParams.set('error', 'access_denied');
  return [wrong.href, none.href, declined.href];
}

function connect(vault: SecretStore, openBrowser: (url: string) => Promise<void>, fetchImpl?: typeof fetch) {
  return connectWithAuthorizationCode({
    aliasId: 'alias-forged',
    vault,
    settings: { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl, clientId: CONFIDENTIAL.clientId, scopes: SCOPES },
    clientSecret: CONFIDENTIAL.clientSecret,
    openBrowser,
    // Long enough never to matter: the test ends on the real answer, not on a timer.
    timeoutMs: 20_000,
    fetch: fetchImpl,
  });
}

describe('a forged loopback callback during sign-in', () => {
  it('is refused with 400 before the real answer, and the real answer still signs in', async () => {
    const vault = new MemorySecretStore();
    const forgedPages: BrowserPage[] = [];
    let realPage: Promise<BrowserPage> | undefined;
    const tokens = await connect(vault, async (url) => {
      realPage = followToCallback(url).then(async (callbackUrl) => {
        for (const forged of forgeries(callbackUrl)) forgedPages.push(await openPage(forged));
        return openPage(callbackUrl);
      });
      realPage.catch(() => undefined);
    });
    expect(tokens.accessToken).toBeTruthy();
    expect((await loadTokens(vault, 'alias-forged'))?.accessToken).toBe(tokens.accessToken);
    expect(forgedPages.map((p) => p.status)).toEqual([400, 400, 400]);
    for (const page of forgedPages) expect(page.html).toMatch(/wrong state/);
    const real = await realPage;
    expect(real?.status).toBe(200);
    expect(real?.html).toContain('Signed in to Seatwise');
  });

  it('is refused while the real answer is being exchanged, without stopping the exchange', async () => {
    const vault = new MemorySecretStore();
    let callbackUrl = '';
    const forgedPages: BrowserPage[] = [];
    // The forged callbacks land while the code exchange is in flight: the token request
    // waits for them, so the order is certain without any timer.
    const exchangeFetch: typeof fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input) === server.tokenUrl && callbackUrl) {
        for (const forged of forgeries(callbackUrl)) forgedPages.push(await openPage(forged));
      }
      return fetch(input, init);
    };
    let realPage: Promise<BrowserPage> | undefined;
    const tokens = await connect(
      vault,
      async (url) => {
        realPage = followToCallback(url).then((found) => {
          callbackUrl = found;
          return openPage(found);
        });
        realPage.catch(() => undefined);
      },
      exchangeFetch,
    );
    expect(tokens.accessToken).toBeTruthy();
    expect(forgedPages.map((p) => p.status)).toEqual([400, 400, 400]);
    expect((await realPage)?.status).toBe(200);
    expect(server.tokenRequests.authorization_code).toBeGreaterThanOrEqual(2);
  });
});

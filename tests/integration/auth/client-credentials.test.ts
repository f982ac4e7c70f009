/**
 * Client credentials (Salesforce's Client Credentials flow, custom OAuth apps) against a real
 * OAuth 2.0 server, and the two credentials that need no server: bearer / personal access
 * token and API key with user name.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../../connectors/types.js';
import { connectWithClientCredentials } from '../../../main/auth/connect.js';
import { createAuthProvider } from '../../../main/auth/provider.js';
import { loadTokens, saveCredential } from '../../../main/auth/tokens.js';
import { secretAccount } from '../../../main/vault/secret-store.js';
import { testKeychain, type TestKeychain } from './keychain.js';
import { SCOPES, SERVICE, startAuthServer, type TestAuthServer } from './oauth-test-server.js';

let server: TestAuthServer;
let keychain: TestKeychain;

beforeAll(async () => {
  server = await startAuthServer();
  keychain = testKeychain();
});
afterEach(() => keychain.cleanup());
afterAll(async () => {
  await keychain?.cleanup();
  await server?.close();
});

const ccSettings = (): ConnectionSettings => ({
  baseUrl: server.issuer,
  grantType: 'client_credentials',
  clientId: SERVICE.clientId,
  tokenUrl: server.tokenUrl,
  scopes: SCOPES,
  options: {},
});
const issued = () => server.tokenRequests.client_credentials ?? 0;
const bearer = async (provider: { apply(h: Headers): Promise<void> }) => {
  const headers = new Headers();
  await provider.apply(headers);
  return headers.get('authorization');
};

describe('client credentials', () => {
  it('connecting proves the client id and secret and stores the secret and the token', async () => {
    const tokens = await connectWithClientCredentials({ aliasId: 'cc', vault: keychain.vault, settings: ccSettings(), clientSecret: SERVICE.clientSecret });
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.scope?.split(' ').sort()).toEqual([...SCOPES].sort());
    expect(await server.isActive(tokens.accessToken, SERVICE)).toBe(true);
    expect((await keychain.vault.list()).sort()).toEqual([secretAccount('cc', 'clientSecret'), secretAccount('cc', 'tokens')]);
  });

  it('a refused secret fails the connection and stores nothing', async () => {
    await expect(
      connectWithClientCredentials({ aliasId: 'cc', vault: keychain.vault, settings: ccSettings(), clientSecret: 'wrong-secret-0123456789' }),
    ).rejects.toMatchObject({ code: 'token_exchange_failed', retryable: false });
    expect(await keychain.vault.list()).toEqual([]);
  });

  it('the provider fetches a token when there is none, reuses it, and fetches a new one when it expires or after a 401', async () => {
    await saveCredential(keychain.vault, 'cc', 'clientSecret', SERVICE.clientSecret);
    let clock = new Date();
    const provider = createAuthProvider({ aliasId: 'cc', settings: ccSettings(), vault: keychain.vault, now: () => clock });

    const before = issued();
    const first = await bearer(provider);
    expect(issued()).toBe(before + 1);
    expect(first).toBe(`Bearer ${(await loadTokens(keychain.vault, 'cc'))?.accessToken}`);
    expect(await bearer(provider)).toBe(first);
    expect(issued()).toBe(before + 1);

    clock = new Date(Date.now() + 10 * 60_000); // the 600 s token is about to lapse
    const second = await bearer(provider);
    expect(issued()).toBe(before + 2);
    expect(second).not.toBe(first);

    // A later run gets a 401 for the stored token: one new token, and refresh() says so.
    const nextRun = createAuthProvider({ aliasId: 'cc', settings: ccSettings(), vault: keychain.vault, now: () => clock });
    expect(await bearer(nextRun)).toBe(second);
    expect(await nextRun.refresh()).toBe(true);
    expect(issued()).toBe(before + 3);
    expect(await bearer(nextRun)).not.toBe(second);
  });

  it('a secret the vendor no longer accepts marks the connection "needs sign-in"', async () => {
    await saveCredential(keychain.vault, 'cc', 'clientSecret', 'rotated-away-secret-0000');
    const reasons: string[] = [];
    const provider = createAuthProvider({ aliasId: 'cc', settings: ccSettings(), vault: keychain.vault, onNeedsSignIn: (r) => void reasons.push(r) });
    const error = await provider.apply(new Headers()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'needs_signin' });
    expect((error as Error).message).toMatch(/sign in again/i);
    expect((error as Error).message).toContain('invalid_client');
    expect(reasons).toHaveLength(1);
  });
});

describe('credentials without a token endpoint', () => {
  it('a personal access token is sent as Bearer; refresh() picks up a token pasted meanwhile', async () => {
    const settings: ConnectionSettings = { baseUrl: 'https://app.asana.com/api/1.0', grantType: 'token', options: {} };
    await saveCredential(keychain.vault, 'pat', 'token', '2/1204/1206:abcdef0123456789');
    const provider = createAuthProvider({ aliasId: 'pat', settings, vault: keychain.vault });
    expect(await bearer(provider)).toBe('Bearer 2/1204/1206:abcdef0123456789');
    expect(await provider.refresh()).toBe(false);
    await saveCredential(keychain.vault, 'pat', 'token', '2/1204/1206:fedcba9876543210');
    expect(await provider.refresh()).toBe(true);
    expect(await bearer(provider)).toBe('Bearer 2/1204/1206:fedcba9876543210');
  });

  it('an API key is sent as Basic base64(username:apiKey)', async () => {
    const settings: ConnectionSettings = { baseUrl: 'https://saas.example.com', grantType: 'api_key', username: 'seatwise@acme.test', options: {} };
    await saveCredential(keychain.vault, 'key', 'apiKey', 'k3y-0123456789');
    const provider = createAuthProvider({ aliasId: 'key', settings, vault: keychain.vault });
    expect(await bearer(provider)).toBe(`Basic ${Buffer.from('seatwise@acme.test:k3y-0123456789').toString('base64')}`);
    expect(await provider.refresh()).toBe(false);
  });

  it('a missing token or key asks to enter it again', async () => {
    const reasons: string[] = [];
    const provider = createAuthProvider({
      aliasId: 'nothing',
      settings: { baseUrl: 'https://x.test', grantType: 'token', options: {} },
      vault: keychain.vault,
      onNeedsSignIn: (r) => void reasons.push(r),
    });
    await expect(provider.apply(new Headers())).rejects.toMatchObject({ code: 'needs_signin' });
    expect(reasons).toHaveLength(1);
  });
});

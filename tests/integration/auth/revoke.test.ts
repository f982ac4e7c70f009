/** Disconnect: revoke at the vendor, then remove every keychain entry of the alias. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disconnect } from '../../../main/auth/revoke.js';
import { saveCredential } from '../../../main/auth/tokens.js';
import { secretAccount } from '../../../main/vault/secret-store.js';
import { testKeychain, type TestKeychain } from './keychain.js';
import { startAuthServer, type TestAuthServer } from './oauth-test-server.js';
import { unusedPort } from './ports.js';
import { oauthSettings, signIn } from './sign-in-helper.js';

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

describe('disconnect', () => {
  it('revokes the refresh and access tokens at the vendor and deletes every keychain entry of the alias', async () => {
    const tokens = await signIn(server, keychain.vault, 'alias-a');
    await saveCredential(keychain.vault, 'alias-a', 'apiKey', 'left-over-api-key-123');
    await signIn(server, keychain.vault, 'alias-b'); // another connection stays untouched
    expect(await server.isActive(tokens.refreshToken as string)).toBe(true);

    const result = await disconnect({ aliasId: 'alias-a', settings: oauthSettings(server), vault: keychain.vault });
    expect(result).toEqual({ revoked: ['refresh_token', 'access_token'], revokeErrors: [] });
    expect(await server.isActive(tokens.refreshToken as string)).toBe(false);
    expect(await server.isActive(tokens.accessToken)).toBe(false);
    const left = await keychain.vault.list();
    expect(left.filter((a) => a.startsWith('alias-a:'))).toEqual([]);
    expect(left.sort()).toEqual([secretAccount('alias-b', 'clientSecret'), secretAccount('alias-b', 'tokens')]);
  });

  it('still removes the local secrets when the vendor cannot be reached, and reports the failure', async () => {
    await signIn(server, keychain.vault, 'alias-a');
    const result = await disconnect({
      aliasId: 'alias-a',
      settings: oauthSettings(server, { revokeUrl: `http://127.0.0.1:${await unusedPort()}/revoke` }),
      vault: keychain.vault,
    });
    expect(result.revoked).toEqual([]);
    expect(result.revokeErrors).toHaveLength(2);
    expect(result.revokeErrors[0]).toMatch(/did not revoke the refresh token: the vendor could not be reached/);
    expect(await keychain.vault.list()).toEqual([]);
  });

  it('without a revocation endpoint (a personal access token) it only deletes', async () => {
    await saveCredential(keychain.vault, 'pat', 'token', 'personal-access-token-123');
    const result = await disconnect({ aliasId: 'pat', settings: { baseUrl: 'https://x.test', grantType: 'token', options: {} }, vault: keychain.vault });
    expect(result).toEqual({ revoked: [], revokeErrors: [] });
    expect(await keychain.vault.list()).toEqual([]);
  });
});

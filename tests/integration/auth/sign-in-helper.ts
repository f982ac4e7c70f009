/** Signs an alias in against the test server headlessly, through the real loopback flow. */
import { connectWithAuthorizationCode } from '../../../main/auth/connect.js';
import type { TokenSet } from '../../../main/auth/tokens.js';
import type { ConnectionSettings } from '../../../connectors/types.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { headlessBrowser } from './browser.js';
import { CONFIDENTIAL, SCOPES, type TestAuthServer } from './oauth-test-server.js';

export function oauthSettings(server: TestAuthServer, overrides: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return {
    baseUrl: server.issuer,
    grantType: 'authorization_code',
    clientId: CONFIDENTIAL.clientId,
    authorizeUrl: server.authorizeUrl,
    tokenUrl: server.tokenUrl,
    revokeUrl: server.revokeUrl,
    scopes: SCOPES,
    options: {},
    ...overrides,
  };
}

export async function signIn(server: TestAuthServer, vault: SecretStore, aliasId: string, fetchImpl?: typeof fetch): Promise<TokenSet> {
  const browser = headlessBrowser();
  return connectWithAuthorizationCode({
    aliasId,
    vault,
    settings: { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl, clientId: CONFIDENTIAL.clientId, scopes: SCOPES },
    clientSecret: CONFIDENTIAL.clientSecret,
    openBrowser: browser.openBrowser,
    timeoutMs: 10_000,
    fetch: fetchImpl,
  });
}

/** A clock that reads `offsetMs` before the access token's expiry: inside the refresh margin. */
export const nearExpiry = (tokens: TokenSet, offsetMs = 30_000) => () => new Date(Date.parse(tokens.expiresAt as string) - offsetMs);

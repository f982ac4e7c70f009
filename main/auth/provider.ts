/**
 * `createAuthProvider`: the credentials a connector's HTTP client sends, for each grant
 * type, read from the keychain. Connectors never see the keychain or a token store.
 */
import type { AuthProvider } from '../../connectors/http/client.js';
import { rememberSecret } from '../vault/redact.js';
import { AuthError } from './errors.js';
import { createOAuthProvider, type OAuthAuthProvider, type OAuthProviderOptions } from './oauth-provider.js';
import { loadCredential, type CredentialKind } from './tokens.js';

export type AuthProviderOptions = OAuthProviderOptions;
/** Every provider answers instanceUrl(); only an OAuth token response can name one. */
export type SeatwiseAuthProvider = OAuthAuthProvider;

const noInstance = async (): Promise<undefined> => undefined;

export function createAuthProvider(options: AuthProviderOptions): SeatwiseAuthProvider {
  switch (options.settings.grantType) {
    case 'token':
      return { ...bearerTokenProvider(options), instanceUrl: noInstance };
    case 'api_key':
      return { ...apiKeyProvider(options), instanceUrl: noInstance };
    case 'authorization_code':
      return createOAuthProvider(options, 'authorization_code');
    case 'client_credentials':
      return createOAuthProvider(options, 'client_credentials');
  }
}

async function requireCredential(options: AuthProviderOptions, kind: CredentialKind, label: string): Promise<string> {
  const value = await loadCredential(options.vault, options.aliasId, kind);
  if (value) return value;
  const error = new AuthError('needs_signin', `No ${label} is stored for this connection. Sign in again by entering the ${label} in the connection settings.`);
  try {
    await options.onNeedsSignIn?.(error.message);
  } catch {
    // best effort
  }
  throw error;
}

/** Personal access token / service account token: `Authorization: Bearer` (Okta: `SSWS`). */
function bearerTokenProvider(options: AuthProviderOptions): AuthProvider {
  let token: string | undefined;
  return {
    async apply(headers) {
      token ??= await requireCredential(options, 'token', 'access token');
      headers.set('authorization', `${options.tokenScheme ?? 'Bearer'} ${token}`);
    },
    async refresh() {
      // Nothing to renew; but the administrator may have pasted a new token meanwhile.
      const stored = await loadCredential(options.vault, options.aliasId, 'token');
      if (!stored || stored === token) return false;
      token = stored;
      return true;
    },
  };
}

/** API key with a user name: `Authorization: Basic base64(username:apiKey)`. */
function apiKeyProvider(options: AuthProviderOptions): AuthProvider {
  let header: string | undefined;
  return {
    async apply(headers) {
      if (!header) {
        const username = options.settings.username;
        if (!username) throw new AuthError('config', 'The connection has no user name to send with the API key. Enter it in the connection settings.');
        const apiKey = await requireCredential(options, 'apiKey', 'API key');
        const encoded = Buffer.from(`${username}:${apiKey}`, 'utf8').toString('base64');
        rememberSecret(encoded);
        header = `Basic ${encoded}`;
      }
      headers.set('authorization', header);
    },
    async refresh() {
      return false;
    },
  };
}

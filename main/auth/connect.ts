/**
 * Connecting an alias: obtain credentials, and only when that worked, write them to the
 * keychain. A failed attempt (wrong state, declined consent, timeout, a refused secret)
 * changes nothing that was stored before.
 */
import type { ConnectionSettings } from '../../connectors/types.js';
import type { SecretStore } from '../vault/secret-store.js';
import { signInWithAuthorizationCode, type SignInOptions } from './authorization-code.js';
import { clientCredentialsSettingsFrom, fetchClientCredentialsToken } from './client-credentials.js';
import type { FetchLike } from './oauth-server.js';
import { deleteAliasSecrets, saveCredential, saveTokens, type TokenSet } from './tokens.js';

/** Both entries or none: a keychain that fails half way leaves no half-made credential. */
async function storeAll(vault: SecretStore, aliasId: string, clientSecret: string | undefined, tokens: TokenSet): Promise<void> {
  try {
    if (clientSecret) await saveCredential(vault, aliasId, 'clientSecret', clientSecret);
    await saveTokens(vault, aliasId, tokens);
  } catch (error) {
    await deleteAliasSecrets(vault, aliasId).catch(() => undefined);
    throw error;
  }
}

export interface ConnectWithAuthorizationCodeOptions extends SignInOptions {
  aliasId: string;
  vault: SecretStore;
}

/** Loopback sign-in; then the client secret (if any) and the tokens go to the keychain. */
export async function connectWithAuthorizationCode(options: ConnectWithAuthorizationCodeOptions): Promise<TokenSet> {
  const tokens = await signInWithAuthorizationCode(options);
  await storeAll(options.vault, options.aliasId, options.clientSecret, tokens);
  return tokens;
}

export interface ConnectWithClientCredentialsOptions {
  aliasId: string;
  vault: SecretStore;
  settings: ConnectionSettings;
  clientSecret: string;
  signal?: AbortSignal;
  now?: () => Date;
  fetch?: FetchLike;
}

/** Proves the client id and secret with a real token request, then stores the secret and the token. */
export async function connectWithClientCredentials(options: ConnectWithClientCredentialsOptions): Promise<TokenSet> {
  const tokens = await fetchClientCredentialsToken({
    settings: clientCredentialsSettingsFrom(options.settings),
    clientSecret: options.clientSecret,
    signal: options.signal,
    now: options.now,
    fetch: options.fetch,
  });
  await storeAll(options.vault, options.aliasId, options.clientSecret, tokens);
  return tokens;
}

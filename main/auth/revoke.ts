/**
 * Disconnect: revoke the tokens at the vendor where it has a revocation endpoint (the
 * refresh token first, which usually ends the whole grant, then the access token), then
 * delete every keychain entry of the alias. A vendor that cannot be reached or refuses
 * does not keep the secrets on this machine: the failure is reported, the secrets go anyway.
 */
import * as oauth from 'oauth4webapi';
import type { ConnectionSettings } from '../../connectors/types.js';
import type { SecretStore } from '../vault/secret-store.js';
import { describeOAuthFailure, isAuthError } from './errors.js';
import {
  authMethodFor,
  authorizationServer,
  clientAuthentication,
  oauthClient,
  requestOptions,
  type FetchLike,
} from './oauth-server.js';
import { deleteAliasSecrets, loadCredential, loadTokens, type TokenSet } from './tokens.js';

export interface DisconnectOptions {
  aliasId: string;
  settings: ConnectionSettings;
  vault: SecretStore;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

export interface DisconnectResult {
  /** Which tokens the vendor confirmed revoked. */
  revoked: Array<'refresh_token' | 'access_token'>;
  /** One line per revocation that failed; the local secrets were removed regardless. */
  revokeErrors: string[];
}

async function revokeOne(
  options: DisconnectOptions,
  token: string,
  hint: 'refresh_token' | 'access_token',
  clientSecret: string | undefined,
): Promise<void> {
  const { settings } = options;
  const as = authorizationServer({ tokenUrl: settings.tokenUrl ?? (settings.revokeUrl as string), revokeUrl: settings.revokeUrl });
  const method = authMethodFor(clientSecret, settings.options.tokenEndpointAuthMethod);
  const client = oauthClient(settings.clientId ?? '', method);
  const response = await oauth.revocationRequest(as, client, clientAuthentication(clientSecret, method), token, {
    ...requestOptions(settings.revokeUrl, options),
    additionalParameters: { token_type_hint: hint },
  });
  await oauth.processRevocationResponse(response);
}

async function revokeAtVendor(options: DisconnectOptions, tokens: TokenSet, result: DisconnectResult): Promise<void> {
  const clientSecret = await loadCredential(options.vault, options.aliasId, 'clientSecret');
  const order: Array<['refresh_token' | 'access_token', string | undefined]> = [
    ['refresh_token', tokens.refreshToken],
    ['access_token', tokens.accessToken],
  ];
  for (const [hint, token] of order) {
    if (!token) continue;
    try {
      await revokeOne(options, token, hint, clientSecret);
      result.revoked.push(hint);
    } catch (error) {
      const what = hint === 'refresh_token' ? 'refresh token' : 'access token';
      result.revokeErrors.push(`The vendor did not revoke the ${what}: ${describeOAuthFailure(error)}.`);
    }
  }
}

export async function disconnect(options: DisconnectOptions): Promise<DisconnectResult> {
  const result: DisconnectResult = { revoked: [], revokeErrors: [] };
  let tokens: TokenSet | undefined;
  try {
    tokens = await loadTokens(options.vault, options.aliasId);
  } catch (error) {
    if (isAuthError(error, 'keychain')) throw error;
    tokens = undefined; // an unreadable entry cannot be revoked, only removed
  }
  if (tokens && options.settings.revokeUrl) {
    try {
      await revokeAtVendor(options, tokens, result);
    } catch (error) {
      result.revokeErrors.push(`The tokens could not be revoked at the vendor: ${(error as Error).message}`);
    }
  }
  await deleteAliasSecrets(options.vault, options.aliasId);
  return result;
}

/**
 * Client credentials (Salesforce "Client Credentials" flow on a My Domain, custom OAuth apps):
 * the app's own identity, no browser and no refresh token. A new access token is simply
 * requested when the old one is gone.
 */
import * as oauth from 'oauth4webapi';
import { AuthError, describeOAuthFailure, isGrantRejected } from './errors.js';
import type { ConnectionSettings } from '../../connectors/types.js';
import {
  authorizationServer,
  clientAuthentication,
  oauthClient,
  oauthEndpointsFrom,
  requestOptions,
  type FetchLike,
} from './oauth-server.js';
import { tokenSetFromResponse, type TokenSet } from './tokens.js';

export interface ClientCredentialsSettings {
  tokenUrl: string;
  clientId: string;
  scopes?: string[];
  /** client_secret_post (default) or client_secret_basic. */
  authMethod?: 'client_secret_post' | 'client_secret_basic';
  /** Extra token request parameters (e.g. `audience`, `resource`). */
  extraParams?: Record<string, string>;
  /**
   * Zoom's Server-to-Server OAuth: not the standard grant but `grant_type=account_credentials`
   * with the account id, the client authenticated with Basic, and no scope parameter.
   */
  accountId?: string;
}

export interface ClientCredentialsOptions {
  settings: ClientCredentialsSettings;
  clientSecret: string;
  signal?: AbortSignal;
  now?: () => Date;
  fetch?: FetchLike;
}

/** The client credentials part of a connection alias's settings. */
export function clientCredentialsSettingsFrom(settings: ConnectionSettings): ClientCredentialsSettings {
  const endpoints = oauthEndpointsFrom(settings);
  const accountId = settings.options.accountId?.trim() || undefined;
  return {
    tokenUrl: endpoints.tokenUrl,
    clientId: endpoints.clientId,
    scopes: settings.scopes,
    authMethod: accountId || settings.options.tokenEndpointAuthMethod === 'client_secret_basic' ? 'client_secret_basic' : 'client_secret_post',
    ...(accountId ? { accountId } : {}),
  };
}

export async function fetchClientCredentialsToken(options: ClientCredentialsOptions): Promise<TokenSet> {
  const { settings } = options;
  const method = settings.authMethod ?? 'client_secret_post';
  const as = authorizationServer({ tokenUrl: settings.tokenUrl });
  const client = oauthClient(settings.clientId, method);
  const parameters = new URLSearchParams(settings.extraParams);
  const scopes = settings.scopes?.filter(Boolean) ?? [];
  if (scopes.length) parameters.set('scope', scopes.join(' '));
  try {
    const request = requestOptions(settings.tokenUrl, { signal: options.signal, fetch: options.fetch });
    const auth = clientAuthentication(options.clientSecret, method);
    const json = settings.accountId
      ? await oauth.processGenericTokenEndpointResponse(
          as,
          client,
          await oauth.genericTokenEndpointRequest(as, client, auth, 'account_credentials', { account_id: settings.accountId }, request),
        )
      : await oauth.processClientCredentialsResponse(as, client, await oauth.clientCredentialsGrantRequest(as, client, auth, parameters, request));
    return tokenSetFromResponse(json, (options.now ?? (() => new Date()))());
  } catch (error) {
    const detail = describeOAuthFailure(error);
    throw new AuthError(
      'token_exchange_failed',
      `Seatwise could not get an access token with the client id and secret: ${detail}.`,
      !isGrantRejected(error),
      detail,
    );
  }
}

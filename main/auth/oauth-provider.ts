/**
 * The AuthProvider of the OAuth grants. authorization_code: the stored access token,
 * refreshed when it expires within a minute and once after a 401; a rotated refresh token
 * is written to the keychain before the new access token is used; a refresh the vendor
 * refuses marks the connection "needs sign-in". client_credentials: a new access token
 * whenever there is none, it is about to expire, or the vendor answered 401 (Salesforce ends
 * sessions on its own timeout and says nothing in advance); only a grant the token endpoint
 * refuses marks the connection "needs sign-in".
 */
import * as oauth from 'oauth4webapi';
import type { AuthProvider } from '../../connectors/http/client.js';
import type { ConnectionSettings } from '../../connectors/types.js';
import type { SecretStore } from '../vault/secret-store.js';
import { clientCredentialsSettingsFrom, fetchClientCredentialsToken } from './client-credentials.js';
import { AuthError, describeOAuthFailure, isAuthError, isGrantRejected } from './errors.js';
import {
  authMethodFor,
  authorizationServer,
  checkEndpointUrl,
  clientAuthentication,
  oauthClient,
  oauthEndpointsFrom,
  requestOptions,
  type FetchLike,
} from './oauth-server.js';
import { singleFlight } from './single-flight.js';
import { expiresWithin, loadCredential, loadTokens, saveTokens, tokenSetFromResponse, type TokenSet } from './tokens.js';

/** Renew when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 60_000;

export interface OAuthProviderOptions {
  aliasId: string;
  settings: ConnectionSettings;
  vault: SecretStore;
  /** Told once when the connection needs the administrator to sign in (or enter the secret) again. */
  onNeedsSignIn?: (reason: string) => void | Promise<void>;
  now?: () => Date;
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** The scheme a 'token' credential is sent with (the vendor's; Bearer unless it says otherwise). */
  tokenScheme?: string;
}

function signInError(grant: 'authorization_code' | 'client_credentials', reason: string): AuthError {
  const what =
    grant === 'authorization_code'
      ? 'Sign in again: open the connection in Seatwise and choose "Sign in"'
      : 'Sign in again by entering the client secret again in the connection settings';
  return new AuthError('needs_signin', `This connection needs you to sign in again (${reason}). ${what}.`);
}

/** "acme.my.salesforce.com": which token endpoint refused, for the message. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the vendor';
  }
}

/** The AuthProvider, and where the vendor said the API lives once signed in. */
export interface OAuthAuthProvider extends AuthProvider {
  /**
   * The `instance_url` of the token response (Salesforce: the org's instance, where every API
   * call must go), without a trailing slash; undefined when the vendor names none or nothing is
   * stored yet. A client credentials connection with no token yet gets one first.
   */
  instanceUrl(): Promise<string | undefined>;
}

export function createOAuthProvider(
  options: OAuthProviderOptions,
  grant: 'authorization_code' | 'client_credentials',
): OAuthAuthProvider {
  const { aliasId, settings, vault } = options;
  const now = options.now ?? (() => new Date());
  const http = { signal: options.signal, fetch: options.fetch };

  let tokens: TokenSet | undefined;
  let loaded = false;
  /** Set once the vendor refused: every later call says so without asking the vendor again. */
  let signInFailure: AuthError | undefined;
  /**
   * The access token of the latest renewal until a request carries it. A 401 while it is still
   * unsent was for a request sent with an older token (requests in flight during the renewal):
   * retrying with it is enough. Once sent, a 401 may be for it, so it is renewed in turn, with
   * no time window: a session can end seconds after it began (Salesforce's client credentials).
   */
  let unsent: string | undefined;

  async function current(): Promise<TokenSet | undefined> {
    if (!loaded) {
      try {
        tokens = await loadTokens(vault, aliasId);
      } catch (error) {
        if (isAuthError(error, 'needs_signin')) return needsSignIn('the stored sign-in is unreadable');
        throw error;
      }
      loaded = true;
    }
    return tokens;
  }

  async function needsSignIn(reason: string, message?: string): Promise<never> {
    const failure = message ? new AuthError('needs_signin', message) : signInError(grant, reason);
    signInFailure = failure;
    try {
      await options.onNeedsSignIn?.(failure.message);
    } catch {
      // Marking the connection is best effort; the error below still says what to do.
    }
    throw failure;
  }

  async function refreshGrant(base: TokenSet | undefined): Promise<TokenSet> {
    if (!base?.refreshToken) return needsSignIn('there is no refresh token to renew the access token with');
    const endpoints = oauthEndpointsFrom(settings);
    const clientSecret = await loadCredential(vault, aliasId, 'clientSecret');
    const method = authMethodFor(clientSecret, settings.options.tokenEndpointAuthMethod);
    const as = authorizationServer(endpoints);
    const client = oauthClient(endpoints.clientId, method);
    let response: oauth.TokenEndpointResponse;
    try {
      const res = await oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuthentication(clientSecret, method),
        base.refreshToken,
        requestOptions(endpoints.tokenUrl, http),
      );
      response = await oauth.processRefreshTokenResponse(as, client, res);
    } catch (error) {
      if (isGrantRejected(error)) return needsSignIn(`the vendor refused to renew the access token: ${describeOAuthFailure(error)}`);
      throw new AuthError(
        'refresh_failed',
        `Seatwise could not renew the access token: ${describeOAuthFailure(error)}. It will try again on the next request.`,
        true,
      );
    }
    const next = tokenSetFromResponse(response, now(), base);
    try {
      // At once, before the new access token is used: a rotated refresh token is single-use.
      await saveTokens(vault, aliasId, next);
    } finally {
      tokens = next;
    }
    return next;
  }

  async function clientCredentialsGrant(): Promise<TokenSet> {
    const ccSettings = clientCredentialsSettingsFrom(settings);
    const clientSecret = await loadCredential(vault, aliasId, 'clientSecret');
    if (!clientSecret) return needsSignIn('no client secret is stored');
    let next: TokenSet;
    try {
      next = await fetchClientCredentialsToken({
        settings: ccSettings,
        clientSecret,
        now,
        ...http,
      });
    } catch (error) {
      if (isAuthError(error) && !error.retryable) {
        // Only here does a client credentials connection need the administrator: the grant itself was refused.
        const detail = error.detail ?? 'no reason given';
        return needsSignIn(
          detail,
          `The token endpoint at ${hostOf(ccSettings.tokenUrl)} refused the client credentials grant (${detail}). Check the app's client id and secret and that it still allows the client credentials flow, then sign in again by entering the client secret in the connection settings.`,
        );
      }
      throw error;
    }
    await saveTokens(vault, aliasId, next);
    return next;
  }

  /** One renewal per alias at a time; joins a renewal already under way. */
  async function renew(): Promise<TokenSet> {
    try {
      const next = await singleFlight(vault, aliasId, async () => {
        // Another provider or process may have renewed already: use its tokens, spend nothing.
        const stored = await loadTokens(vault, aliasId);
        if (stored && stored.accessToken !== tokens?.accessToken && !expiresWithin(stored, REFRESH_MARGIN_MS, now())) {
          return stored;
        }
        if (grant === 'client_credentials') return clientCredentialsGrant();
        // Disconnected meanwhile: do not bring the alias's secrets back.
        if (!stored) return needsSignIn('no sign-in is stored for this connection');
        return refreshGrant(stored);
      });
      tokens = next;
      loaded = true;
      unsent = next.accessToken;
      return next;
    } catch (error) {
      if (isAuthError(error, 'needs_signin')) signInFailure ??= error;
      throw error;
    }
  }

  return {
    async apply(headers: Headers): Promise<void> {
      if (signInFailure) throw signInFailure;
      let active = await current();
      if (grant === 'authorization_code') {
        if (!active) return needsSignIn('no sign-in is stored for this connection');
        if (expiresWithin(active, REFRESH_MARGIN_MS, now())) {
          if (active.refreshToken) active = await renew();
          else if (expiresWithin(active, 0, now())) {
            return needsSignIn('the access token has expired and the vendor gave no refresh token');
          }
        }
      } else if (!active || expiresWithin(active, REFRESH_MARGIN_MS, now())) {
        active = await renew();
      }
      if (active.accessToken === unsent) unsent = undefined;
      headers.set('authorization', `Bearer ${active.accessToken}`);
    },

    refresh: refreshOnce,

    async instanceUrl(): Promise<string | undefined> {
      if (signInFailure) throw signInFailure;
      let active = await current();
      if (!active && grant === 'client_credentials') active = await renew();
      const url = active?.instanceUrl;
      // The bearer token goes wherever this points: only https (plain http on loopback).
      return url ? checkEndpointUrl('instance URL the token endpoint returned', url).href.replace(/\/+$/, '') : undefined;
    },
  };

  /** After a 401: fresh credentials once, joining a renewal under way (the HTTP client asks once per request). */
  async function refreshOnce(): Promise<boolean> {
    if (signInFailure) throw signInFailure;
    if (unsent !== undefined && unsent === tokens?.accessToken) return true;
    if (grant === 'authorization_code') {
      const active = await current();
      if (!active?.refreshToken) {
        return needsSignIn('the vendor no longer accepts the access token and there is no refresh token');
      }
    } else {
      // Loaded first, so that the renewal below knows which token was refused and does not take
      // that same token back from the keychain as "renewed by someone else".
      await current();
    }
    await renew();
    return true;
  }
}

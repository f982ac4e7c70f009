/**
 * The AuthProvider of the OAuth grants. authorization_code: the stored access token,
 * refreshed when it expires within a minute and once after a 401; a rotated refresh token
 * is written to the keychain before the new access token is used; a refresh the vendor
 * refuses marks the connection "needs sign-in". client_credentials: a new access token
 * whenever there is none, it is about to expire, or the vendor answered 401.
 */
import { performance } from 'node:perf_hooks';
import * as oauth from 'oauth4webapi';
import type { AuthProvider } from '../../connectors/http/client.js';
import type { ConnectionSettings } from '../../connectors/types.js';
import type { SecretStore } from '../vault/secret-store.js';
import { clientCredentialsSettingsFrom, fetchClientCredentialsToken } from './client-credentials.js';
import { AuthError, describeOAuthFailure, isAuthError, isGrantRejected } from './errors.js';
import {
  authMethodFor,
  authorizationServer,
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
/** A 401 right after a renewal was for a request sent with the old token: no second renewal. */
const JUST_RENEWED_MS = 5_000;

export interface OAuthProviderOptions {
  aliasId: string;
  settings: ConnectionSettings;
  vault: SecretStore;
  /** Told once when the connection needs the administrator to sign in (or enter the secret) again. */
  onNeedsSignIn?: (reason: string) => void | Promise<void>;
  now?: () => Date;
  fetch?: FetchLike;
  signal?: AbortSignal;
}

function signInError(grant: 'authorization_code' | 'client_credentials', reason: string): AuthError {
  const what =
    grant === 'authorization_code'
      ? 'Sign in again: open the connection in Seatwise and choose "Sign in"'
      : 'Sign in again by entering the client secret again in the connection settings';
  return new AuthError('needs_signin', `This connection needs you to sign in again (${reason}). ${what}.`);
}

export function createOAuthProvider(
  options: OAuthProviderOptions,
  grant: 'authorization_code' | 'client_credentials',
): AuthProvider {
  const { aliasId, settings, vault } = options;
  const now = options.now ?? (() => new Date());
  const http = { signal: options.signal, fetch: options.fetch };

  let tokens: TokenSet | undefined;
  let loaded = false;
  /** Set once the vendor refused: every later call says so without asking the vendor again. */
  let signInFailure: AuthError | undefined;
  let renewedAt = Number.NEGATIVE_INFINITY;

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

  async function needsSignIn(reason: string): Promise<never> {
    const failure = signInError(grant, reason);
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
        return needsSignIn(`the vendor refused the client id and secret: ${error.detail ?? 'no reason given'}`);
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
      renewedAt = performance.now();
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
      headers.set('authorization', `Bearer ${active.accessToken}`);
    },

    refresh: refreshOnce,
  };

  async function refreshOnce(): Promise<boolean> {
      if (signInFailure) throw signInFailure;
      if (performance.now() - renewedAt < JUST_RENEWED_MS) return true;
      if (grant === 'authorization_code') {
        const active = await current();
        if (!active?.refreshToken) {
          return needsSignIn('the vendor no longer accepts the access token and there is no refresh token');
        }
      }
      await renew();
      return true;
  }
}

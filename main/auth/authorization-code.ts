/**
 * Authorization code sign-in with PKCE S256 over the loopback redirect (RFC 8252): opens the
 * system browser on the vendor's authorization page, takes the one answer, exchanges the
 * code for tokens. Stores nothing: the caller saves the TokenSet once the whole connection
 * attempt has succeeded, so a failed attempt leaves no half-made credential behind.
 */
import * as oauth from 'oauth4webapi';
import { AuthError, describeOAuthFailure } from './errors.js';
import { startLoopback } from './loopback.js';
import {
  authMethodFor,
  authorizationServer,
  clientAuthentication,
  oauthClient,
  requestOptions,
  type FetchLike,
} from './oauth-server.js';
import { tokenSetFromResponse, type TokenSet } from './tokens.js';

export interface AuthorizationCodeSettings {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  scopes?: string[];
  /** Pin the loopback port when the vendor needs the exact redirect URI registered. */
  redirectPort?: number;
  /** Vendor-specific authorization parameters (e.g. Salesforce `prompt=login`). */
  extraParams?: Record<string, string>;
  /** Expected `iss` of the authorization response, when the vendor sends one. */
  issuer?: string;
}

export interface SignInOptions {
  settings: AuthorizationCodeSettings;
  /** Confidential clients (Asana, Calendly, Salesforce): sent with client_secret_post. */
  clientSecret?: string;
  /** Opens the system browser (Electron `shell.openExternal`; the CLI may print the URL instead). */
  openBrowser: (url: string) => Promise<void>;
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => Date;
  fetch?: FetchLike;
}

/** Parameters Seatwise owns; `extraParams` cannot override them. */
const PROTECTED_PARAMS = new Set(['client_id', 'redirect_uri', 'response_type', 'state', 'code_challenge', 'code_challenge_method']);

export function authorizationUrl(input: {
  as: oauth.AuthorizationServer;
  settings: AuthorizationCodeSettings;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}): string {
  const url = new URL(input.as.authorization_endpoint as string);
  for (const [key, value] of Object.entries(input.settings.extraParams ?? {})) {
    if (!PROTECTED_PARAMS.has(key)) url.searchParams.set(key, value);
  }
  url.searchParams.set('client_id', input.settings.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  const scopes = input.settings.scopes?.filter(Boolean) ?? [];
  if (scopes.length) url.searchParams.set('scope', scopes.join(' '));
  return url.href;
}

function asAuthError(error: unknown, fallback: (detail: string) => AuthError): AuthError {
  return error instanceof AuthError ? error : fallback(describeOAuthFailure(error));
}

export async function signInWithAuthorizationCode(options: SignInOptions): Promise<TokenSet> {
  const { settings } = options;
  const as = authorizationServer({ authorizeUrl: settings.authorizeUrl, tokenUrl: settings.tokenUrl, issuer: settings.issuer });
  const client = oauthClient(settings.clientId, authMethodFor(options.clientSecret));
  const clientAuth = clientAuthentication(options.clientSecret);

  const codeVerifier = oauth.generateRandomCodeVerifier();
  const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  const state = oauth.generateRandomState(); // 32 random bytes: 256 bits

  const listener = await startLoopback({
    expectedState: state,
    port: settings.redirectPort,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  try {
    const url = authorizationUrl({ as, settings, redirectUri: listener.redirectUri, state, codeChallenge });
    try {
      await options.openBrowser(url);
    } catch (error) {
      throw new AuthError('browser', `Seatwise could not open the browser for the sign-in: ${(error as Error).message}`);
    }
    const params = await listener.answer;

    let checked: URLSearchParams;
    try {
      checked = oauth.validateAuthResponse(as, client, params, state);
    } catch (error) {
      throw new AuthError('authorization_failed', `The sign-in answer was refused: ${describeOAuthFailure(error)}. Nothing was stored.`);
    }

    const exchange = async (): Promise<oauth.TokenEndpointResponse> => {
      try {
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth,
          checked,
          listener.redirectUri,
          codeVerifier,
          requestOptions(settings.tokenUrl, { signal: options.signal, fetch: options.fetch }),
        );
        return await oauth.processAuthorizationCodeResponse(as, client, response);
      } catch (error) {
        throw asAuthError(
          error,
          (detail) => new AuthError('token_exchange_failed', `Seatwise could not finish the sign-in: ${detail}. Nothing was stored.`),
        );
      }
    };
    const response = await Promise.race([exchange(), listener.interrupted]);
    const tokens = tokenSetFromResponse(response, (options.now ?? (() => new Date()))());
    await listener.finish();
    return tokens;
  } catch (error) {
    const failure = asAuthError(error, (detail) => new AuthError('authorization_failed', `The sign-in failed: ${detail}.`));
    await listener.finish(failure);
    throw failure;
  }
}

/**
 * The vendors speak plain OAuth 2.0 without discovery, so the authorization server
 * metadata that oauth4webapi works from is built here from the configured URLs.
 */
import * as oauth from 'oauth4webapi';
import type { ConnectionSettings } from '../../connectors/types.js';
import { AuthError } from './errors.js';

export type TokenEndpointAuthMethod = 'client_secret_post' | 'client_secret_basic' | 'none';

export interface OAuthEndpoints {
  authorizeUrl?: string;
  tokenUrl: string;
  revokeUrl?: string;
  /** Expected `iss` in the authorization response (RFC 9207). Default: the authorize URL's origin. */
  issuer?: string;
}

/** Seam for tests and for the simulators: defaults to the global fetch. */
export type FetchLike = typeof fetch;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https everywhere, except plain http on this machine (the simulators and test servers). */
export function checkEndpointUrl(label: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthError('config', `The ${label} "${value}" is not a valid URL.`);
  }
  const local = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new AuthError('config', `The ${label} must start with https:// (got ${url.origin}).`);
  }
  return url;
}

export function authorizationServer(endpoints: OAuthEndpoints): oauth.AuthorizationServer {
  const token = checkEndpointUrl('token URL', endpoints.tokenUrl);
  const authorize = endpoints.authorizeUrl ? checkEndpointUrl('authorization URL', endpoints.authorizeUrl) : undefined;
  const revoke = endpoints.revokeUrl ? checkEndpointUrl('revocation URL', endpoints.revokeUrl) : undefined;
  return {
    issuer: endpoints.issuer ?? (authorize ?? token).origin,
    authorization_endpoint: authorize?.href,
    token_endpoint: token.href,
    revocation_endpoint: revoke?.href,
    code_challenge_methods_supported: ['S256'],
  };
}

export const oauthClient = (clientId: string, authMethod: TokenEndpointAuthMethod): oauth.Client => ({
  client_id: clientId,
  token_endpoint_auth_method: authMethod,
});

/** client_secret_post when a secret is given (Asana, Calendly, Salesforce), else a public client. */
export function clientAuthentication(
  clientSecret: string | undefined,
  method: TokenEndpointAuthMethod = clientSecret ? 'client_secret_post' : 'none',
): oauth.ClientAuth {
  if (method === 'none' || !clientSecret) return oauth.None();
  return method === 'client_secret_basic' ? oauth.ClientSecretBasic(clientSecret) : oauth.ClientSecretPost(clientSecret);
}

export function authMethodFor(clientSecret: string | undefined, preferred?: string): TokenEndpointAuthMethod {
  if (!clientSecret) return 'none';
  return preferred === 'client_secret_basic' ? 'client_secret_basic' : 'client_secret_post';
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Options for every oauth4webapi request: a timeout, cancellation, plain http only on loopback. */
export function requestOptions(
  url: string | undefined,
  extra: { signal?: AbortSignal; fetch?: FetchLike } = {},
): { signal: AbortSignal; [oauth.allowInsecureRequests]?: boolean; [oauth.customFetch]?: FetchLike } {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const options: { signal: AbortSignal; [oauth.allowInsecureRequests]?: boolean; [oauth.customFetch]?: FetchLike } = {
    signal: extra.signal ? AbortSignal.any([extra.signal, timeout]) : timeout,
  };
  if (url && new URL(url).protocol === 'http:') options[oauth.allowInsecureRequests] = true;
  if (extra.fetch) options[oauth.customFetch] = extra.fetch;
  return options;
}

/** The OAuth part of a connection alias's settings, with a clear error for what is missing. */
export function oauthEndpointsFrom(settings: ConnectionSettings): OAuthEndpoints & { clientId: string } {
  if (!settings.clientId) throw new AuthError('config', 'The connection has no client id. Enter the client id of the app registered at the vendor.');
  if (!settings.tokenUrl) throw new AuthError('config', 'The connection has no token URL. Enter the token URL of the vendor.');
  return {
    clientId: settings.clientId,
    tokenUrl: settings.tokenUrl,
    authorizeUrl: settings.authorizeUrl,
    revokeUrl: settings.revokeUrl,
    issuer: settings.options.issuer,
  };
}

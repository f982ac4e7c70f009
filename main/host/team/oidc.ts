/**
 * Sign-in to a team server through the company's OpenID Connect provider: authorization code
 * with PKCE S256, state and nonce, the ID token's issuer, audience, expiry and nonce checked by
 * oauth4webapi. Small and strict: discovery once at start, nothing kept but the claims.
 */
import * as oauth from 'oauth4webapi';
import { checkEndpointUrl, clientAuthentication, requestOptions } from '../../auth/oauth-server.js';
import { describeOAuthFailure } from '../../auth/errors.js';
import { AppError } from '../../errors.js';
import { ROLES, type Role } from '../../../preload/contract.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Confidential client (client_secret_basic); a public client when absent. */
  clientSecret?: string;
  /** `<public URL>/auth/callback`, registered at the provider. */
  redirectUri: string;
  /** The ID token claim that lists Seatwise roles (a string or a list). */
  roleClaim: string;
}

/** Who signed in, as the ID token says. */
export interface SignedInPerson {
  subject: string;
  /** What the audit and the UI name: the email when the provider gives one, else the subject. */
  person: string;
  roles: Role[];
}

/** What must survive the round trip to the provider, and nothing else. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class SignInError extends AppError {}

export class OidcSignIn {
  private constructor(
    private readonly settings: OidcSettings,
    private readonly as: oauth.AuthorizationServer,
    private readonly client: oauth.Client,
  ) {}

  /** Reads the provider's metadata (RFC 8414 / OIDC discovery) and checks its issuer. */
  static async discover(settings: OidcSettings): Promise<OidcSignIn> {
    const issuer = checkEndpointUrl('OIDC issuer', settings.issuer);
    let as: oauth.AuthorizationServer;
    try {
      const response = await oauth.discoveryRequest(issuer, { ...requestOptions(issuer.href), algorithm: 'oidc' });
      as = await oauth.processDiscoveryResponse(issuer, response);
    } catch (error) {
      throw new AppError('unavailable', `--oidc-issuer: ${issuer.href} gave no usable OpenID configuration (${describeOAuthFailure(error)}).`, true);
    }
    if (!as.authorization_endpoint || !as.token_endpoint) throw new AppError('unavailable', `--oidc-issuer: ${issuer.href} has no authorization or token endpoint.`);
    const client: oauth.Client = { client_id: settings.clientId, token_endpoint_auth_method: settings.clientSecret ? 'client_secret_basic' : 'none' };
    return new OidcSignIn(settings, as, client);
  }

  async begin(): Promise<{ url: string; pending: PendingSignIn }> {
    const pending: PendingSignIn = { state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(), codeVerifier: oauth.generateRandomCodeVerifier() };
    const url = new URL(this.as.authorization_endpoint!);
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('redirect_uri', this.settings.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', 'openid email profile');
    url.searchParams.set('state', pending.state);
    url.searchParams.set('nonce', pending.nonce);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { url: url.href, pending };
  }

  /** The provider's answer at the callback: the code exchanged, the ID token checked. */
  async finish(callback: URL, pending: PendingSignIn): Promise<SignedInPerson> {
    let claims: oauth.IDToken;
    try {
      const params = oauth.validateAuthResponse(this.as, this.client, callback, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(
        this.as,
        this.client,
        clientAuthentication(this.settings.clientSecret, this.settings.clientSecret ? 'client_secret_basic' : 'none'),
        params,
        this.settings.redirectUri,
        pending.codeVerifier,
        requestOptions(this.as.token_endpoint),
      );
      const result = await oauth.processAuthorizationCodeResponse(this.as, this.client, response, { expectedNonce: pending.nonce, requireIdToken: true });
      claims = oauth.getValidatedIdTokenClaims(result)!;
    } catch (error) {
      throw new SignInError('sign_in_failed', `Sign-in failed: ${describeOAuthFailure(error)}.`);
    }
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : undefined;
    return { subject: claims.sub, person: email ?? claims.sub, roles: rolesFromClaim(claims[this.settings.roleClaim]) };
  }
}

/** Known role names from the claim; anything else in it is ignored, never a role. */
export function rolesFromClaim(value: unknown): Role[] {
  const listed = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const known = new Set<string>(ROLES);
  return [...new Set(listed.map((v) => v.trim().toLowerCase()).filter((v): v is Role => known.has(v)))];
}

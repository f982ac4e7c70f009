/** Sign-in and credentials: what the rest of main uses. */
export { signInWithAuthorizationCode, authorizationUrl } from './authorization-code.js';
export type { AuthorizationCodeSettings, SignInOptions } from './authorization-code.js';
export { connectWithAuthorizationCode, connectWithClientCredentials } from './connect.js';
export type { ConnectWithAuthorizationCodeOptions, ConnectWithClientCredentialsOptions } from './connect.js';
export { fetchClientCredentialsToken } from './client-credentials.js';
export type { ClientCredentialsOptions, ClientCredentialsSettings } from './client-credentials.js';
export { AuthError, AUTH_ERROR_CODES, isAuthError } from './errors.js';
export type { AuthErrorCode } from './errors.js';
export { startLoopback, CALLBACK_PATH } from './loopback.js';
export type { LoopbackListener, LoopbackOptions } from './loopback.js';
export { createAuthProvider } from './provider.js';
export type { AuthProviderOptions, SeatwiseAuthProvider } from './provider.js';
export { REFRESH_MARGIN_MS } from './oauth-provider.js';
export { disconnect } from './revoke.js';
export type { DisconnectOptions, DisconnectResult } from './revoke.js';
export {
  CREDENTIAL_KINDS,
  deleteAliasSecrets,
  describeTokens,
  loadCredential,
  loadTokens,
  saveCredential,
  saveTokens,
} from './tokens.js';
export type { ConnectedAs, CredentialKind, TokenSet } from './tokens.js';

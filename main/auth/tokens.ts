/**
 * The token set of a connection and where it lives: one keychain entry per alias holding
 * the token set as JSON, beside the alias's client secret, API key or personal token.
 * Nothing here ever touches a file.
 */
import type * as oauth from 'oauth4webapi';
import { KeychainUnavailableError, secretAccount, type SecretStore } from '../vault/secret-store.js';
import { rememberSecret } from '../vault/redact.js';
import { AuthError } from './errors.js';

/** Who the tokens belong to, when the token response says (Asana's `data`). */
export interface ConnectedAs {
  id?: string;
  name?: string;
  email?: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** ISO 8601. Absent when the vendor does not say (Salesforce: a session timeout, learnt from a 401). */
  expiresAt?: string;
  scope?: string;
  /** Salesforce's `instance_url`: where the API calls go. */
  instanceUrl?: string;
  connectedAs?: ConnectedAs;
  /** The other, non-secret fields of the last token response (Salesforce `id`, `issued_at`, ...). */
  raw?: Record<string, unknown>;
}

/** Kinds of keychain entry per alias. */
export const CREDENTIAL_KINDS = ['tokens', 'clientSecret', 'apiKey', 'token'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Token response fields that are secrets (or derived from one) and never go into `raw`. */
const SECRET_FIELD = /token|secret|signature|password|verifier|^code$/i;

function nonSecretFields(response: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(response)) {
    if (!SECRET_FIELD.test(key) && value !== undefined) raw[key] = value;
  }
  return raw;
}

function connectedAsFrom(response: Record<string, unknown>): ConnectedAs | undefined {
  const data = response.data;
  if (!data || typeof data !== 'object') return undefined;
  const { gid, id, name, email } = data as Record<string, unknown>;
  const who: ConnectedAs = {};
  if (typeof gid === 'string' || typeof id === 'string') who.id = String(gid ?? id);
  if (typeof name === 'string') who.name = name;
  if (typeof email === 'string') who.email = email;
  return Object.keys(who).length ? who : undefined;
}

/**
 * Turns a token endpoint response into a TokenSet. A refresh response that carries no new
 * refresh token (a vendor that does not rotate) keeps the previous one, and so on for the
 * other fields a refresh response may leave out.
 */
export function tokenSetFromResponse(response: oauth.TokenEndpointResponse, now: Date, previous?: TokenSet): TokenSet {
  rememberSecret(response.access_token);
  rememberSecret(response.refresh_token);
  const body = response as unknown as Record<string, unknown>;
  const instanceUrl = typeof body.instance_url === 'string' ? body.instance_url : previous?.instanceUrl;
  const tokens: TokenSet = {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    expiresAt:
      typeof response.expires_in === 'number' ? new Date(now.getTime() + response.expires_in * 1000).toISOString() : undefined,
    scope: response.scope ?? previous?.scope,
    instanceUrl,
    connectedAs: connectedAsFrom(body) ?? previous?.connectedAs,
    raw: nonSecretFields(body),
  };
  return dropUndefined(tokens);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** True when the access token is gone within `marginMs` (or already). Unknown expiry: false. */
export function expiresWithin(tokens: TokenSet, marginMs: number, now: Date): boolean {
  if (!tokens.expiresAt) return false;
  return Date.parse(tokens.expiresAt) - now.getTime() <= marginMs;
}

/** What the renderer may see of a connection: never a token. */
export function describeTokens(tokens: TokenSet): { connectedAs?: ConnectedAs; expiresAt?: string; scope?: string; instanceUrl?: string } {
  return dropUndefined({ connectedAs: tokens.connectedAs, expiresAt: tokens.expiresAt, scope: tokens.scope, instanceUrl: tokens.instanceUrl });
}

async function keychain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw new AuthError('keychain', error.message);
    throw new AuthError('keychain', `The OS keychain failed: ${(error as Error).message}`);
  }
}

export async function saveCredential(vault: SecretStore, aliasId: string, kind: CredentialKind, value: string): Promise<void> {
  rememberSecret(value);
  await keychain(() => vault.set(secretAccount(aliasId, kind), value));
}

export async function loadCredential(vault: SecretStore, aliasId: string, kind: CredentialKind): Promise<string | undefined> {
  const value = await keychain(() => vault.get(secretAccount(aliasId, kind)));
  rememberSecret(value);
  return value ?? undefined;
}

export async function saveTokens(vault: SecretStore, aliasId: string, tokens: TokenSet): Promise<void> {
  rememberSecret(tokens.accessToken);
  rememberSecret(tokens.refreshToken);
  await saveCredential(vault, aliasId, 'tokens', JSON.stringify(tokens));
}

export async function loadTokens(vault: SecretStore, aliasId: string): Promise<TokenSet | undefined> {
  const json = await loadCredential(vault, aliasId, 'tokens');
  if (!json) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const tokens = parsed as TokenSet | undefined;
  if (!tokens || typeof tokens.accessToken !== 'string') {
    throw new AuthError('needs_signin', 'The stored sign-in of this connection is unreadable. Sign in again.');
  }
  rememberSecret(tokens.accessToken);
  rememberSecret(tokens.refreshToken);
  return tokens;
}

/** Removes every keychain entry of the alias: the known kinds and anything else under its prefix. */
export async function deleteAliasSecrets(vault: SecretStore, aliasId: string): Promise<void> {
  const prefix = secretAccount(aliasId, '');
  const listed = await keychain(() => vault.list());
  // `<alias>:<kind>` only: another alias whose id merely starts with "<alias>:" is not ours.
  const ours = listed.filter((account) => account.startsWith(prefix) && !account.slice(prefix.length).includes(':'));
  const accounts = new Set([...CREDENTIAL_KINDS.map((kind) => secretAccount(aliasId, kind)), ...ours]);
  for (const account of accounts) await keychain(() => vault.delete(account));
}

/**
 * Connecting a profile's aliases: runs the loopback sign-in (authorization code + PKCE) or
 * the client credentials grant, keeps the tokens in the OS keychain only, and records on the
 * alias just "connected as X, expires at Y". A failed attempt changes nothing: no keychain
 * entry it wrote stays behind, and the alias record is untouched.
 */
import { connectorEntry } from '../../connectors/registry.js';
import type { ConnectionInput, DisconnectResultView, ProfileDetail, RedirectUriView } from '../../preload/contract.js';
import { connectWithAuthorizationCode, connectWithClientCredentials } from '../auth/connect.js';
import { AuthError } from '../auth/errors.js';
import { CALLBACK_PATH } from '../auth/loopback.js';
import type { FetchLike } from '../auth/oauth-server.js';
import { oauthEndpointsFrom } from '../auth/oauth-server.js';
import { disconnect as revokeAndForget } from '../auth/revoke.js';
import { describeTokens, loadCredential, type TokenSet } from '../auth/tokens.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { AliasRecord, ProfileRecord } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';
import { openConnector } from '../sync/connection.js';
import { secretAccount, whereSecretsAre, type SecretStore } from '../vault/secret-store.js';
import { connectedAsText } from './identity.js';
import { newId } from './ids.js';
import { openUrl } from '../system/open-url.js';
import { toSettings } from './settings.js';
import type { ProfileService } from './service.js';
import { DEFAULT_SIGNIN_TIMEOUT_MS } from './signin-timeout.js';

/** Revocation and "who am I" are best effort and must not hang a disconnect or a sign-in. */
const VENDOR_CALL_TIMEOUT_MS = 20_000;

export type OpenExternal = (url: string) => Promise<void>;

export interface ConnectionServiceDeps {
  store: DataStore;
  vault: SecretStore;
  events: EventBus;
  profiles: ProfileService;
  now: () => Date;
  /** Opens the system browser (Electron: shell.openExternal). */
  openExternal?: OpenExternal;
  fetch?: FetchLike;
}

export interface AuthorizeOptions {
  /** Overrides the service's browser opener for this attempt (the CLI's --no-browser prints the URL). */
  openExternal?: OpenExternal;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Keychain entries an attempt may (over)write, restored if the attempt fails after writing. */
const ATTEMPT_KINDS = ['tokens', 'clientSecret'] as const;

export class ConnectionService {
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: ConnectionServiceDeps) {}

  private alias(profile: ProfileRecord, aliasId: string | undefined): AliasRecord {
    const id = aliasId ?? profile.aliasId;
    const alias = this.deps.store.root.aliases.find((a) => a.id === id && a.profileId === profile.id);
    if (!alias) throw notFound('That connection');
    return alias;
  }

  /** Signs the alias in; returns the profile as the renderer may see it (never a token). */
  async authorize(input: { profileId: string; aliasId?: string; clientSecret?: string }, options: AuthorizeOptions = {}): Promise<ProfileDetail> {
    const profile = this.deps.profiles.require(input.profileId);
    const alias = this.alias(profile, input.aliasId);
    if (this.inFlight.has(alias.id)) throw conflict(`A sign-in for "${alias.label}" is already in progress. Finish it in the browser or wait for it to time out.`);
    this.inFlight.add(alias.id);
    try {
      return await this.authorizeAlias(profile, alias, input.clientSecret, options);
    } catch (error) {
      // Said once if this draft is removed after it: "connection attempt failed: <why>".
      this.deps.profiles.noteFailedAttempt(profile.id, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      this.inFlight.delete(alias.id);
    }
  }

  private async authorizeAlias(profile: ProfileRecord, alias: AliasRecord, givenSecret: string | undefined, options: AuthorizeOptions): Promise<ProfileDetail> {
    const { vault } = this.deps;
    const settings = alias.settings;
    const storedSecret = givenSecret ? undefined : await loadCredential(vault, alias.id, 'clientSecret');
    const clientSecret = givenSecret ?? storedSecret;
    const previous = await this.snapshot(alias.id);

    let tokens: TokenSet;
    try {
      tokens = await this.obtainTokens(alias, clientSecret, options);
    } catch (error) {
      // connect.ts cleans up a keychain that failed half way by deleting the alias's entries:
      // put back what was there before this attempt.
      if (error instanceof AuthError && error.code === 'keychain') await this.restore(alias.id, previous);
      throw error;
    }

    try {
      const who = await this.whoIs(alias, tokens);
      await this.deps.store.update((root) => {
        const a = root.aliases.find((x) => x.id === alias.id);
        if (!a) throw notFound('That connection');
        a.status = 'connected';
        if (who.connectedAs) a.connectedAs = who.connectedAs;
        if (who.userId) a.connectedUserId = who.userId;
        if (tokens.expiresAt) a.expiresAt = tokens.expiresAt;
        else delete a.expiresAt;
        const kinds = new Set(a.secretKinds);
        kinds.add('tokens');
        if (clientSecret) kinds.add('clientSecret');
        a.secretKinds = [...kinds];
        const p = root.profiles.find((x) => x.id === profile.id);
        if (p?.attention?.kind === 'needs_signin') delete p.attention;
      });
    } catch (error) {
      await this.restore(alias.id, previous);
      throw error;
    }
    const after = this.alias(profile, alias.id);
    // A draft's first working connection: its creation goes into the log before the sign-in.
    await this.deps.profiles.confirmCreation(profile.id);
    await this.deps.store.audit.append({
      action: 'connection.connected',
      profileId: profile.id,
      target: alias.label,
      after: { grantType: settings.grantType, connectedAs: after.connectedAs, expiresAt: after.expiresAt },
      message: `Signed in; the tokens are in ${whereSecretsAre(this.deps.vault)}`,
    });
    this.changed(profile.id);
    return this.deps.profiles.detail(profile.id);
  }

  private async obtainTokens(alias: AliasRecord, clientSecret: string | undefined, options: AuthorizeOptions): Promise<TokenSet> {
    const { vault } = this.deps;
    const settings = alias.settings;
    if (settings.grantType === 'authorization_code') {
      const endpoints = oauthEndpointsFrom(settings);
      if (!endpoints.authorizeUrl) throw new AuthError('config', 'The connection has no authorization URL. Enter the authorization URL of the vendor.');
      const openBrowser = options.openExternal ?? this.deps.openExternal ?? openInSystemBrowser;
      return await connectWithAuthorizationCode({
        aliasId: alias.id,
        vault,
        settings: {
          authorizeUrl: endpoints.authorizeUrl,
          tokenUrl: endpoints.tokenUrl,
          clientId: endpoints.clientId,
          scopes: settings.scopes,
          redirectPort: settings.redirectPort,
          issuer: endpoints.issuer,
        },
        clientSecret,
        openBrowser,
        timeoutMs: options.timeoutMs ?? DEFAULT_SIGNIN_TIMEOUT_MS,
        signal: options.signal,
        now: this.deps.now,
        fetch: this.deps.fetch,
      });
    } else if (settings.grantType === 'client_credentials') {
      if (!clientSecret) {
        throw invalid(`"${alias.label}" uses client credentials: enter the client secret of the app registered at the vendor first.`);
      }
      return await connectWithClientCredentials({
        aliasId: alias.id,
        vault,
        settings,
        clientSecret,
        signal: options.signal,
        now: this.deps.now,
        fetch: this.deps.fetch,
      });
    } else {
      throw invalid(
        `"${alias.label}" signs in with ${settings.grantType === 'token' ? 'a personal access token' : 'an API key'}: store it with the connection settings and validate the connection instead.`,
      );
    }
  }

  /** "Connected as": from the token response when the vendor says, else the connector's whoami (best effort). */
  private async whoIs(alias: AliasRecord, tokens: TokenSet): Promise<{ connectedAs?: string; userId?: string }> {
    const described = describeTokens(tokens).connectedAs;
    if (described && (described.name || described.email)) {
      return { connectedAs: formatWho(described.name, described.email), userId: described.id };
    }
    try {
      const signal = AbortSignal.timeout(VENDOR_CALL_TIMEOUT_MS);
      const { connector } = await openConnector({ alias, vault: this.deps.vault, signal, now: this.deps.now });
      const me = await connector.whoami();
      return { connectedAs: connectedAsText(me), userId: me.userId };
    } catch {
      // The sign-in worked; "validate" reports what the API itself says.
      return described?.id ? { connectedAs: described.id, userId: described.id } : {};
    }
  }

  private async snapshot(aliasId: string): Promise<Map<string, string | null>> {
    const values = new Map<string, string | null>();
    for (const kind of ATTEMPT_KINDS) values.set(kind, await this.deps.vault.get(secretAccount(aliasId, kind)));
    return values;
  }

  private async restore(aliasId: string, previous: Map<string, string | null>): Promise<void> {
    for (const [kind, value] of previous) {
      try {
        if (value === null) await this.deps.vault.delete(secretAccount(aliasId, kind));
        else await this.deps.vault.set(secretAccount(aliasId, kind), value);
      } catch {
        // Best effort: the error that ended the attempt is the one to report.
      }
    }
  }

  /** Revokes at the vendor where it can, removes the alias's keychain entries, marks it not connected. */
  async disconnect(input: { profileId: string; aliasId?: string }): Promise<DisconnectResultView> {
    const profile = this.deps.profiles.require(input.profileId);
    const alias = this.alias(profile, input.aliasId);
    const result = await revokeAndForget({
      aliasId: alias.id,
      settings: alias.settings,
      vault: this.deps.vault,
      signal: AbortSignal.timeout(VENDOR_CALL_TIMEOUT_MS),
      fetch: this.deps.fetch,
    });
    await this.deps.store.update((root) => {
      const a = root.aliases.find((x) => x.id === alias.id);
      if (!a) return;
      a.status = 'not_connected';
      a.secretKinds = [];
      delete a.connectedAs;
      delete a.connectedUserId;
      delete a.expiresAt;
    });
    await this.deps.store.audit.append({
      action: 'connection.disconnected',
      profileId: profile.id,
      target: alias.label,
      before: { connectedAs: alias.connectedAs },
      message: result.revokeErrors.length
        ? `Keychain entries removed; ${result.revokeErrors.length} revocation(s) failed at the vendor`
        : `Keychain entries removed${result.revoked.length ? '; revoked at the vendor' : ''}`,
    });
    this.changed(profile.id);
    return { revokeErrors: result.revokeErrors };
  }

  /** The exact redirect URI to register at the vendor. */
  redirectUri(profileId: string): RedirectUriView {
    const profile = this.deps.profiles.require(profileId);
    const alias = this.alias(profile, undefined);
    const port = alias.settings.redirectPort;
    if (alias.settings.grantType !== 'authorization_code') {
      return { redirectUri: `http://127.0.0.1${CALLBACK_PATH}`, pinned: false, note: 'This connection does not sign in through the browser: no redirect URI needs registering.' };
    }
    if (port) {
      return {
        redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
        pinned: true,
        note: `Register exactly this redirect URI in the vendor's app settings. Seatwise listens on port ${port} during the sign-in, so nothing else may use it then.`,
      };
    }
    return {
      redirectUri: `http://127.0.0.1${CALLBACK_PATH}`,
      pinned: false,
      note: 'Any port works: Seatwise picks a free loopback port for each sign-in (RFC 8252). If the vendor insists on the exact URI, pin a port in the connection settings.',
    };
  }

  /** Adds another org of the same vendor: a child alias with its own connection. */
  async addOrg(input: { profileId: string; label: string; connection: ConnectionInput }): Promise<ProfileDetail> {
    const profile = this.deps.profiles.require(input.profileId);
    const entry = connectorEntry(profile.vendor);
    if (!entry) throw new AppError('unsupported_vendor', `Seatwise has no connector for ${profile.vendor} yet.`);
    if (!entry.descriptor.authMethods.includes(input.connection.grantType)) {
      throw invalid(`${entry.descriptor.displayName} does not support ${input.connection.grantType} sign-in.`);
    }
    const label = input.label.trim();
    const siblings = this.deps.store.root.aliases.filter((a) => a.profileId === profile.id);
    if (siblings.some((a) => a.label.toLowerCase() === label.toLowerCase())) throw conflict(`This profile already has an org named "${label}".`);
    const alias: AliasRecord = {
      id: newId('con'),
      profileId: profile.id,
      parentAliasId: profile.aliasId,
      label,
      vendor: profile.vendor,
      settings: toSettings(input.connection, entry.descriptor.defaults),
      secretKinds: [],
      status: 'not_connected',
    };
    await this.deps.store.update((root) => {
      root.aliases.push(alias);
    });
    await this.deps.store.audit.append({ action: 'connection.org_added', profileId: profile.id, target: label, after: { baseUrl: alias.settings.baseUrl, grantType: alias.settings.grantType } });
    this.changed(profile.id);
    return this.deps.profiles.detail(profile.id);
  }

  /** Removes an extra org: revokes where it can, deletes its keychain entries, then the alias. */
  async removeOrg(input: { profileId: string; aliasId: string }): Promise<ProfileDetail> {
    const profile = this.deps.profiles.require(input.profileId);
    const alias = this.alias(profile, input.aliasId);
    if (alias.id === profile.aliasId || !alias.parentAliasId) {
      throw invalid("The profile's own connection cannot be removed as an org: remove the profile instead.");
    }
    const result = await revokeAndForget({
      aliasId: alias.id,
      settings: alias.settings,
      vault: this.deps.vault,
      signal: AbortSignal.timeout(VENDOR_CALL_TIMEOUT_MS),
      fetch: this.deps.fetch,
    });
    await this.deps.store.update((root) => {
      root.aliases = root.aliases.filter((a) => a.id !== alias.id);
    });
    await this.deps.store.audit.append({
      action: 'connection.org_removed',
      profileId: profile.id,
      target: alias.label,
      before: { baseUrl: alias.settings.baseUrl, connectedAs: alias.connectedAs },
      message: result.revokeErrors.length ? `Keychain entries removed; ${result.revokeErrors.length} revocation(s) failed at the vendor` : 'Keychain entries removed',
    });
    this.changed(profile.id);
    return this.deps.profiles.detail(profile.id);
  }

  private changed(profileId: string): void {
    this.deps.events.emit('profiles:changed', { profileId });
  }
}

function formatWho(name: string | undefined, email: string | undefined): string | undefined {
  if (name && email) return `${name} <${email}>`;
  return name || email || undefined;
}

/**
 * The default browser opener outside Electron: the platform's opener, or (when there is
 * none, e.g. a headless server) the URL printed for the person to open by hand.
 */
export const openInSystemBrowser: OpenExternal = async (url) => {
  if (!(await openUrl(url))) process.stderr.write(`Open this address in your browser to sign in:\n${new URL(url).href}\n`);
};

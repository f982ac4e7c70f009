/**
 * Links from a profile to an identity provider app: SSO sign-ins to that app (Okta's System
 * Log, Entra ID's sign-in log) count as activity for the profile's seats, matched by email.
 * A SCIM or custom app, which reports no activity of its own, gets real candidates this way.
 */
import { connectorEntry } from '../../connectors/registry.js';
import type { DirectoryApp } from '../../connectors/types.js';
import type { MethodInput, ProfileDetail } from '../../preload/contract.js';
import { AppError, invalid, notFound } from '../errors.js';
import type { AliasRecord, ProfileRecord } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';
import { openConnector } from '../sync/connection.js';
import type { SecretStore } from '../vault/secret-store.js';

/** Listing an identity provider's apps is one short read; a hung server must not hold the screen. */
const APPS_TIMEOUT_MS = 60_000;

export interface SsoLinkDeps {
  store: DataStore;
  vault: SecretStore;
  now: () => Date;
  detail: (profileId: string) => Promise<ProfileDetail>;
  changed: (profileId: string) => void;
}

export class SsoLinkService {
  constructor(private readonly deps: SsoLinkDeps) {}

  async apps(idpProfileId: string): Promise<DirectoryApp[]> {
    const { alias } = this.identityProvider(idpProfileId);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), APPS_TIMEOUT_MS);
    try {
      const { connector } = await openConnector({ alias, vault: this.deps.vault, signal: controller.signal, now: this.deps.now });
      const apps = await connector.directory!.apps();
      return apps.sort((a, b) => a.label.localeCompare(b.label));
    } finally {
      clearTimeout(timer);
    }
  }

  async link(input: MethodInput<'profiles:link'>): Promise<ProfileDetail> {
    const profile = this.profile(input.profileId);
    if (this.isIdentityProvider(profile)) {
      throw invalid(`"${profile.name}" is an identity provider itself: link the apps its people sign in to, not the provider.`);
    }
    const idp = this.identityProvider(input.idpProfileId);
    const app = (await this.apps(idp.profile.id)).find((a) => a.id === input.appId);
    if (!app) throw invalid(`${idp.vendorName} profile "${idp.profile.name}" has no active app with the id ${input.appId}: see seatwise directory apps "${idp.profile.name}".`);
    const before = profile.sso;
    await this.deps.store.update((root) => {
      const p = root.profiles.find((x) => x.id === profile.id);
      // A new app (or provider) is read from the analysis start again, not from the last read.
      if (p) p.sso = { idpProfileId: idp.profile.id, appId: app.id, appLabel: app.label };
    });
    await this.deps.store.audit.append({
      action: 'profile.sso_linked',
      profileId: profile.id,
      target: profile.name,
      before: before ?? null,
      after: { idpProfileId: idp.profile.id, idpProfileName: idp.profile.name, appId: app.id, appLabel: app.label },
      message: `SSO sign-ins to ${app.label} through ${idp.profile.name} count as activity from the next sync`,
    });
    this.deps.changed(profile.id);
    return this.deps.detail(profile.id);
  }

  async unlink(profileId: string): Promise<ProfileDetail> {
    const profile = this.profile(profileId);
    if (!profile.sso) return this.deps.detail(profile.id);
    const before = profile.sso;
    await this.deps.store.update((root) => {
      const p = root.profiles.find((x) => x.id === profile.id);
      if (p) delete p.sso;
    });
    await this.deps.store.audit.append({ action: 'profile.sso_unlinked', profileId: profile.id, target: profile.name, before });
    this.deps.changed(profile.id);
    return this.deps.detail(profile.id);
  }

  private profile(idOrName: string): ProfileRecord {
    const profile = this.deps.store.root.profiles.find((p) => p.id === idOrName || p.name === idOrName);
    if (!profile) throw notFound(`The profile "${idOrName}"`);
    return profile;
  }

  private isIdentityProvider(profile: ProfileRecord): boolean {
    return identityProviderVendor(profile.vendor);
  }

  private identityProvider(idOrName: string): { profile: ProfileRecord; alias: AliasRecord; vendorName: string } {
    const profile = this.profile(idOrName);
    const entry = connectorEntry(profile.vendor);
    if (!entry || !this.isIdentityProvider(profile)) throw invalid(`"${profile.name}" is not an identity provider profile (Okta or Microsoft Entra ID).`);
    const alias = this.deps.store.root.aliases.find((a) => a.id === profile.aliasId);
    if (!alias) throw new AppError('not_found', `The profile "${profile.name}" has no connection.`);
    return { profile, alias, vendorName: entry.descriptor.displayName };
  }
}

/** The vendors whose connector is a directory (Okta, Entra ID). */
export function identityProviderVendor(vendor: string): boolean {
  return vendor === 'okta' || vendor === 'entra';
}

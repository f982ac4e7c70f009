import type { ConnectionSettings, ProcessName } from '../../connectors/types.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { CreateProfileInput, JobResult, ProfileDetail, ProfileSummary } from '../../preload/contract.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { AliasRecord, ProfileRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { openConnector } from '../sync/connection.js';
import { secretAccount, type SecretStore } from '../vault/secret-store.js';
import { defaultProcesses, defaultSchedule, PLAYBOOK_FIRST_STEP } from './defaults.js';
import { newId } from './ids.js';
import { toSettings } from './settings.js';
import { profileDetail, profileSummary } from './views.js';

export interface ProfileServiceDeps {
  store: Store;
  vault: SecretStore;
  events: EventBus;
  now: () => Date;
  nextRunAt: (profileId: string) => Date | undefined;
}

type ConnectionPatch = Partial<CreateProfileInput['connection']>;
type SecretKind = 'token' | 'clientSecret' | 'apiKey';

const TOKEN_ACCOUNT_KIND = 'tokens';

/** Profiles and their connection aliases: create, edit, validate, publish, remove. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  private async lastJob(profile: ProfileRecord): Promise<JobResult | undefined> {
    const jobs = await this.deps.store.jobs();
    return jobs.find((j) => j.profileId === profile.id);
  }

  find(idOrName: string): ProfileRecord | undefined {
    const profiles = this.deps.store.root.profiles;
    return profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => p.name.toLowerCase() === idOrName.toLowerCase());
  }

  require(idOrName: string): ProfileRecord {
    const profile = this.find(idOrName);
    if (!profile) throw notFound(`The profile "${idOrName}"`);
    return profile;
  }

  primaryAlias(profile: ProfileRecord): AliasRecord {
    const alias = this.deps.store.root.aliases.find((a) => a.id === profile.aliasId);
    if (!alias) throw new AppError('internal', `The profile "${profile.name}" has lost its connection record.`);
    return alias;
  }

  async list(): Promise<ProfileSummary[]> {
    const jobs = await this.deps.store.jobs();
    const root = this.deps.store.root;
    return root.profiles.map((p) => profileSummary(p, root, jobs.find((j) => j.profileId === p.id), this.deps.nextRunAt(p.id)));
  }

  async detail(idOrName: string): Promise<ProfileDetail> {
    const profile = this.require(idOrName);
    return profileDetail(profile, this.deps.store.root, await this.lastJob(profile), this.deps.nextRunAt(profile.id));
  }

  async create(input: CreateProfileInput): Promise<ProfileDetail> {
    const entry = connectorEntry(input.vendor);
    if (!entry) throw new AppError('unsupported_vendor', `Seatwise has no connector for ${input.vendor} yet.`);
    if (!entry.descriptor.authMethods.includes(input.connection.grantType)) {
      throw new AppError('invalid_input', `${entry.descriptor.displayName} does not support ${input.connection.grantType} sign-in.`);
    }
    if (this.find(input.name)) throw conflict(`A profile named "${input.name}" already exists.`);
    const now = this.deps.now().toISOString();
    const profileId = newId('prf');
    const alias: AliasRecord = {
      id: newId('con'),
      profileId,
      label: input.name,
      vendor: input.vendor,
      settings: toSettings({ ...input.connection, options: { ...(input.preset ? { preset: input.preset } : {}), ...input.connection.options } }, entry.descriptor.defaults),
      secretKinds: [],
      status: 'not_connected',
    };
    const profile: ProfileRecord = {
      id: profileId,
      name: input.name,
      vendor: input.vendor,
      preset: input.preset,
      status: 'draft',
      createdAt: now,
      aliasId: alias.id,
      processes: input.processes ?? defaultProcesses(),
      schedule: defaultSchedule(),
      playbook: { currentStep: PLAYBOOK_FIRST_STEP, completed: [], draft: {} },
      activityAvailable: null,
      stats: { seats: 0, freeSeats: 0, subscriptions: 0, candidates: 0, monthlySavings: 0, currency: 'USD', licenseTypes: [] },
    };
    await this.deps.store.update((root) => {
      root.aliases.push(alias);
      root.profiles.push(profile);
    });
    await this.deps.store.audit.append({ action: 'profile.created', profileId, target: profile.name, after: { vendor: profile.vendor, baseUrl: alias.settings.baseUrl } });
    this.changed(profileId);
    return this.detail(profileId);
  }

  async update(input: { profileId: string; name?: string; connection?: ConnectionPatch; processes?: ProfileRecord['processes'] }): Promise<ProfileDetail> {
    const profile = this.require(input.profileId);
    if (input.name && input.name.toLowerCase() !== profile.name.toLowerCase() && this.find(input.name)) {
      throw conflict(`A profile named "${input.name}" already exists.`);
    }
    await this.deps.store.update((root) => {
      const p = root.profiles.find((x) => x.id === profile.id);
      const alias = root.aliases.find((a) => a.id === profile.aliasId);
      if (!p || !alias) return;
      if (input.name) p.name = input.name;
      if (input.processes) {
        // Turned off: from now on nothing is inactive; the candidates are resolved by the
        // recompute the caller runs. Turned on again: the next sync reads activity.
        if (p.processes.activity.enabled && !input.processes.activity.enabled) {
          p.activityAvailable = false;
          p.activityNote = { reason: 'turned_off', message: 'Activity analysis is turned off for this profile.' };
        }
        p.processes = input.processes;
      }
      if (input.connection) alias.settings = mergeSettings(alias.settings, input.connection);
    });
    this.changed(profile.id);
    return this.detail(profile.id);
  }

  async setSecret(input: { profileId: string; aliasId?: string; kind: SecretKind; value: string }): Promise<void> {
    const profile = this.require(input.profileId);
    const aliasId = input.aliasId ?? profile.aliasId;
    const alias = this.deps.store.root.aliases.find((a) => a.id === aliasId && a.profileId === profile.id);
    if (!alias) throw notFound('That connection');
    await this.deps.vault.set(secretAccount(alias.id, input.kind), input.value);
    await this.deps.store.update((root) => {
      const a = root.aliases.find((x) => x.id === alias.id);
      if (a && !a.secretKinds.includes(input.kind)) a.secretKinds.push(input.kind);
      if (a && a.status === 'needs_signin') a.status = 'not_connected';
      const p = root.profiles.find((x) => x.id === profile.id);
      if (p?.attention?.kind === 'needs_signin') delete p.attention;
    });
    await this.deps.store.audit.append({ action: 'connection.secret_set', profileId: profile.id, target: alias.label, message: `${input.kind} stored in the OS keychain` });
    this.changed(profile.id);
  }

  /** Who are we signed in as, and may we do each enabled process? One result per process. */
  async validate(idOrName: string): Promise<{ connectedAs?: string; results: { process: ProcessName; ok: boolean; message: string }[] }> {
    const profile = this.require(idOrName);
    const controller = new AbortController();
    const aliases = this.deps.store.root.aliases.filter((a) => a.profileId === profile.id);
    const processes: ProcessName[] = ['download'];
    if (profile.processes.activity.enabled) processes.push('activity');
    if (profile.processes.reclaim.enabled) processes.push('reclaim');
    let connectedAs: string | undefined;
    const allResults: { process: ProcessName; ok: boolean; message: string }[] = [];
    for (const alias of aliases) {
      const { connector } = openConnector({ alias, vault: this.deps.vault, signal: controller.signal, now: this.deps.now });
      const prefix = aliases.length > 1 ? `${alias.label}: ` : '';
      let results: { process: ProcessName; ok: boolean; message: string }[];
      try {
        const me = await connector.whoami();
        const who = me.email ? `${me.name} <${me.email}>` : me.name;
        connectedAs ??= who;
        results = [];
        for (const process of processes) {
          try {
            results.push(await connector.probe(process));
          } catch (error) {
            results.push({ process, ok: false, message: (error as Error).message });
          }
        }
        await this.recordValidation(alias.id, results, { connectedAs: who, userId: me.userId });
      } catch (error) {
        results = processes.map((process) => ({ process, ok: false, message: (error as Error).message }));
        await this.recordValidation(alias.id, results);
      }
      allResults.push(...results.map((r) => ({ ...r, message: prefix + r.message })));
    }
    this.changed(profile.id);
    return { connectedAs, results: allResults };
  }

  private async recordValidation(aliasId: string, results: { process: ProcessName; ok: boolean; message: string }[], who?: { connectedAs: string; userId: string }): Promise<void> {
    await this.deps.store.update((root) => {
      const alias = root.aliases.find((a) => a.id === aliasId);
      if (!alias) return;
      alias.lastValidation = { at: this.deps.now().toISOString(), results };
      if (who) {
        alias.connectedAs = who.connectedAs;
        alias.connectedUserId = who.userId;
        alias.status = 'connected';
      } else {
        alias.status = 'failing';
      }
    });
  }

  /** Validates the download permission, then marks the profile published. */
  async publish(idOrName: string): Promise<ProfileRecord> {
    const profile = this.require(idOrName);
    const validation = await this.validate(profile.id);
    const download = validation.results.filter((r) => r.process === 'download');
    const failed = download.find((r) => !r.ok);
    if (!download.length || failed) {
      throw new AppError('connection_failed', `The connection could not be validated, so "${profile.name}" was not published: ${failed?.message ?? 'no result'}`);
    }
    await this.deps.store.update((root) => {
      const p = root.profiles.find((x) => x.id === profile.id);
      if (!p) return;
      p.status = 'published';
      p.publishedAt ??= this.deps.now().toISOString();
      p.playbook.completed = [...new Set([...p.playbook.completed, 'publish'])];
    });
    await this.deps.store.audit.append({ action: 'profile.published', profileId: profile.id, target: profile.name });
    this.changed(profile.id);
    return this.require(profile.id);
  }

  async remove(idOrName: string): Promise<void> {
    const profile = this.require(idOrName);
    const aliases = this.deps.store.root.aliases.filter((a) => a.profileId === profile.id);
    for (const alias of aliases) {
      for (const kind of [...alias.secretKinds, TOKEN_ACCOUNT_KIND]) await this.deps.vault.delete(secretAccount(alias.id, kind));
    }
    await this.deps.store.update((root) => {
      root.profiles = root.profiles.filter((p) => p.id !== profile.id);
      root.aliases = root.aliases.filter((a) => a.profileId !== profile.id);
      root.models = root.models.filter((m) => m.profileId !== profile.id);
      root.rules = root.rules.filter((r) => r.profileId !== profile.id);
      root.entitlements = root.entitlements.filter((e) => e.profileId !== profile.id);
      root.unrecognized = root.unrecognized.filter((u) => u.profileId !== profile.id);
      root.exclusions = root.exclusions.filter((e) => e.profileId !== profile.id);
    });
    await this.deps.store.removeProfileFiles(profile.id);
    await this.deps.store.audit.append({ action: 'profile.removed', profileId: profile.id, target: profile.name });
    this.changed(profile.id);
  }

  private changed(profileId?: string): void {
    this.deps.events.emit('profiles:changed', { profileId });
  }
}

function mergeSettings(current: AliasRecord['settings'], patch: ConnectionPatch): AliasRecord['settings'] {
  const next: ConnectionSettings & { redirectPort?: number } = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'options') next.options = { ...current.options, ...(value as Record<string, string>) };
    else if (key === 'baseUrl') next.baseUrl = (value as string).replace(/\/+$/, '');
    else (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

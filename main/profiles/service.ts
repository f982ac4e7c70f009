import type { ConnectionSettings, ProcessName } from '../../connectors/types.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { CreateProfileInput, JobResult, ProfileDetail, ProfileSummary } from '../../preload/contract.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { AliasRecord, ProfileRecord } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';
import { openConnector } from '../sync/connection.js';
import { secretAccount, whereSecretsAre, type SecretStore } from '../vault/secret-store.js';
import { defaultProcesses, defaultSchedule, PLAYBOOK_FIRST_STEP } from './defaults.js';
import { connectedAsText } from './identity.js';
import { newId } from './ids.js';
import { retenant, toSettings } from './settings.js';
import { connectionOptionProblems } from '../../preload/contract/connection-option-check.js';
import { profileDetail, profileSummary } from './views.js';

export interface ProfileServiceDeps {
  store: DataStore;
  vault: SecretStore;
  events: EventBus;
  now: () => Date;
  nextRunAt: (profileId: string) => Date | undefined;
}

type ConnectionPatch = Partial<CreateProfileInput['connection']>;
type SecretKind = 'token' | 'clientSecret' | 'apiKey';

const TOKEN_ACCOUNT_KIND = 'tokens';

/**
 * Profiles and their connection aliases: create, edit, validate, publish, remove.
 *
 * The audit log records an integration from its first working connection. A new draft is a
 * connection attempt until then: its "created" and "credential stored" rows are written when
 * its connection is first confirmed (validation or sign-in), carrying when it was made. An
 * attempt that never connects and is removed leaves one row, "connection attempt failed",
 * with the vendor's answer, rather than created, credential stored and removed: nothing
 * happened at the vendor, and the log says what did.
 */
export class ProfileService {
  /** Drafts made by this process whose creation is not in the log yet. */
  private readonly unconfirmed = new Set<string>();
  /** Profiles whose creation is known to be in the log (saves reading it again). */
  private readonly confirmed = new Set<string>();
  /** Why the last connection attempt of an unconfirmed draft failed. */
  private readonly failures = new Map<string, string>();
  /** Validations running, by profile: removing the profile stops them. */
  private readonly checks = new Map<string, AbortController>();

  constructor(private readonly deps: ProfileServiceDeps) {}

  /** Whether the log records the profile's creation (a draft from an older run is looked up once). */
  private async creationAudited(profile: ProfileRecord): Promise<boolean> {
    if (this.confirmed.has(profile.id)) return true;
    if (this.unconfirmed.has(profile.id)) return false;
    const events = await this.deps.store.audit.read();
    const found = events.some((e) => e.action === 'profile.created' && e.profileId === profile.id);
    if (found) this.confirmed.add(profile.id);
    return found;
  }

  /**
   * The first working connection of a draft: its creation and its stored credentials go into
   * the log now. Does nothing for a profile whose creation is there already.
   */
  async confirmCreation(profileId: string): Promise<void> {
    const profile = this.find(profileId);
    if (!profile || (await this.creationAudited(profile))) return;
    const alias = this.primaryAlias(profile);
    await this.deps.store.audit.append({
      action: 'profile.created',
      profileId: profile.id,
      target: profile.name,
      after: { vendor: profile.vendor, baseUrl: alias.settings.baseUrl, createdAt: profile.createdAt },
    });
    // Tokens from a sign-in are the sign-in's own row (connection.connected).
    for (const kind of alias.secretKinds.filter((k) => k !== TOKEN_ACCOUNT_KIND)) {
      await this.deps.store.audit.append({ action: 'connection.secret_set', profileId: profile.id, target: alias.label, message: `${kind} stored in ${whereSecretsAre(this.deps.vault)}` });
    }
    this.unconfirmed.delete(profile.id);
    this.failures.delete(profile.id);
    this.confirmed.add(profile.id);
  }

  /** A connection attempt of the draft failed (a sign-in that did not finish): said if it is removed. */
  noteFailedAttempt(profileId: string, message: string): void {
    this.failures.set(profileId, message);
  }

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
    checkOptions(entry.descriptor.connectionOptions, input.connection.options, input.connection.grantType);
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
    // Audited at its first working connection (confirmCreation), or as a failed attempt.
    this.unconfirmed.add(profileId);
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
        // A new look-back: the next sync reads the log again from the new start. A shorter one
        // moves "Analyze user activity from" later at once; a longer one moves it earlier only
        // when that read succeeds, so days inactive never count from a date the log was not read for.
        const days = input.processes.activity.lookbackDays;
        if (days !== p.processes.activity.lookbackDays) {
          delete p.lastActivitySyncAt;
          const start = this.deps.now().getTime() - days * 86_400_000;
          if (p.analysisStart && Date.parse(p.analysisStart) < start) p.analysisStart = new Date(start).toISOString();
        }
        p.processes = input.processes;
      }
      if (input.connection) {
        const next = retenant(mergeSettings(alias.settings, input.connection), alias.settings, input.connection.tokenUrl);
        checkOptions(connectorEntry(alias.vendor)?.descriptor.connectionOptions, next.options, next.grantType);
        alias.settings = next;
      }
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
    // A draft not connected yet: the row comes with its creation's, once it connects.
    if (await this.creationAudited(profile)) {
      await this.deps.store.audit.append({ action: 'connection.secret_set', profileId: profile.id, target: alias.label, message: `${input.kind} stored in ${whereSecretsAre(this.deps.vault)}` });
    }
    this.changed(profile.id);
  }

  /** Who are we signed in as, and may we do each enabled process? One result per process. */
  async validate(idOrName: string): Promise<{ connectedAs?: string; results: { process: ProcessName; ok: boolean; message: string }[] }> {
    const profile = this.require(idOrName);
    const controller = new AbortController();
    this.checks.get(profile.id)?.abort();
    this.checks.set(profile.id, controller);
    try {
      return await this.validateWith(profile, controller);
    } finally {
      if (this.checks.get(profile.id) === controller) this.checks.delete(profile.id);
    }
  }

  private async validateWith(profile: ProfileRecord, controller: AbortController): Promise<{ connectedAs?: string; results: { process: ProcessName; ok: boolean; message: string }[] }> {
    const aliases = this.deps.store.root.aliases.filter((a) => a.profileId === profile.id);
    const processes: ProcessName[] = ['download'];
    if (profile.processes.activity.enabled) processes.push('activity');
    if (profile.processes.reclaim.enabled) processes.push('reclaim');
    let connectedAs: string | undefined;
    const allResults: { process: ProcessName; ok: boolean; message: string }[] = [];
    for (const alias of aliases) {
      const prefix = aliases.length > 1 ? `${alias.label}: ` : '';
      let results: { process: ProcessName; ok: boolean; message: string }[];
      try {
        const { connector } = await openConnector({ alias, vault: this.deps.vault, signal: controller.signal, now: this.deps.now });
        const me = await connector.whoami();
        const who = connectedAsText(me);
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
    // Removed meanwhile (a cancelled attempt): nothing more to record.
    if (controller.signal.aborted || !this.find(profile.id)) return { connectedAs, results: allResults };
    const download = allResults.filter((r) => r.process === 'download');
    const failed = download.find((r) => !r.ok);
    if (download.length > 0 && !failed) await this.confirmCreation(profile.id);
    else if (failed) this.failures.set(profile.id, failed.message);
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
    // A check still waiting on the vendor (an unreachable server) stops here.
    const check = this.checks.get(profile.id);
    const vendorName = connectorEntry(profile.vendor)?.descriptor.displayName ?? profile.vendor;
    const primary = this.deps.store.root.aliases.find((a) => a.id === profile.aliasId);
    // Why the attempt ended: the vendor's answer, a check cut short, or a credential stored
    // for an attempt that was given up before it was checked.
    const failure = check
      ? `Stopped before ${vendorName} answered.`
      : (this.failures.get(profile.id) ?? (primary && primary.secretKinds.length > 0 ? `Stopped before ${vendorName} was asked.` : undefined));
    check?.abort();
    const audited = await this.creationAudited(profile);
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
    if (audited) {
      await this.deps.store.audit.append({ action: 'profile.removed', profileId: profile.id, target: profile.name });
    } else if (failure !== undefined) {
      const alias = aliases.find((a) => a.id === profile.aliasId);
      await this.deps.store.audit.append({
        action: 'connection.attempt_failed',
        profileId: profile.id,
        target: profile.name,
        after: { vendor: profile.vendor, baseUrl: alias?.settings.baseUrl },
        message: `${asSentence(failure)} The draft and its credential were removed.`,
      });
    } else {
      // A draft that never tried to connect: its one row.
      await this.deps.store.audit.append({ action: 'profile.removed', profileId: profile.id, target: profile.name, message: 'A draft that never connected' });
    }
    this.unconfirmed.delete(profile.id);
    this.confirmed.delete(profile.id);
    this.failures.delete(profile.id);
    this.changed(profile.id);
  }

  private changed(profileId?: string): void {
    this.deps.events.emit('profiles:changed', { profileId });
  }
}

/** A connection option the vendor needs is missing or malformed: said in the vendor's words. */
function checkOptions(specs: Parameters<typeof connectionOptionProblems>[0], options: Record<string, unknown> | undefined, grant: string): void {
  const problems = connectionOptionProblems(specs, options, grant);
  if (problems.length) throw new AppError('invalid_input', problems.map((p) => (p.hint ? `${p.message.slice(0, -1)}: ${p.hint}` : p.message)).join(' '));
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

/** A vendor's message as a sentence of its own, ending in a full stop. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

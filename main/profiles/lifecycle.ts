/**
 * What changes a profile's life beyond its record: publishing starts its first sync and arms
 * its schedule, removing stops both (and takes an identity provider's people out of the
 * directory), turning activity off resolves its candidates at once.
 * Kept apart from ProfileService, which owns only the records, so neither depends on sync.
 */
import { connectorEntry } from '../../connectors/registry.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { mappingFromOptions, mappingToOptions, MAPPING_FIELDS, MappingError, parseExport, readRows, guessMapping, type ColumnMapping } from '../../connectors/csv/export-file.js';
import { CSV_FILE_NAME_OPTION } from '../../connectors/csv/descriptor.js';
import type { ColumnMappingInput, ImportPreview, JobResult, ProfileDetail, UpdateProfileInput } from '../../preload/contract.js';
import { AppError, conflict, invalid } from '../errors.js';
import { forgetProfileSource } from '../directory/service.js';
import type { ReclamationService } from '../reclamation/service.js';
import type { Scheduler } from '../scheduler/index.js';
import type { DataStore } from '../store/data-store.js';
import type { SyncService } from '../sync/sync-service.js';
import type { ProfileService } from './service.js';

export class ProfileLifecycle {
  constructor(
    private readonly profiles: ProfileService,
    private readonly sync: SyncService,
    private readonly scheduler: Scheduler,
    private readonly reclamation: ReclamationService,
    private readonly store: DataStore,
  ) {}

  async publish(idOrName: string): Promise<ProfileDetail> {
    const profile = await this.profiles.publish(idOrName);
    this.scheduler.refresh(profile.id);
    this.sync.start(profile.id, 'publish');
    return this.profiles.detail(profile.id);
  }

  /**
   * A CSV app's sync: the export is checked whole first (a bad row refuses it, naming the line,
   * and nothing changes), the mapping used is remembered on the profile, a draft is published,
   * and the run is an ordinary sync given the file's text (the same job record and commit).
   */
  async importExport(input: { profileId: string; content: string; fileName?: string; mapping?: ColumnMappingInput }, trigger: JobResult['trigger']): Promise<JobResult> {
    const profile = this.profiles.require(input.profileId);
    if (!connectorEntry(profile.vendor)?.descriptor.fileImport) {
      throw invalid(`"${profile.name}" reads its seats from its vendor's API: sync it (seatwise sync "${profile.name}") instead of importing a file.`);
    }
    if (this.sync.isRunning(profile.id)) throw conflict(`A sync of "${profile.name}" is running: import when it has finished.`);
    const alias = this.store.root.aliases.find((a) => a.id === profile.aliasId);
    const fileName = input.fileName?.trim() || alias?.settings.options[CSV_FILE_NAME_OPTION] || 'The export';
    const mapping = mappingOf(alias?.settings.options ?? {}, input.mapping);
    let used: ColumnMapping;
    try {
      used = parseExport(input.content, mapping, fileName).mapping;
    } catch (error) {
      if (error instanceof MappingError) throw invalid(error.message);
      // The file itself is refused (a bad row, too large, not CSV): nothing changed.
      if (error instanceof ConnectorError) throw new AppError('import_refused', error.message);
      throw error;
    }
    await this.store.update((root) => {
      const a = root.aliases.find((x) => x.id === profile.aliasId);
      if (!a) return;
      const kept = Object.fromEntries(Object.entries(a.settings.options).filter(([k]) => !MAPPING_FIELDS.some((f) => f.option === k)));
      a.settings.options = { ...kept, ...mappingToOptions(used), [CSV_FILE_NAME_OPTION]: fileName };
    });
    if (this.profiles.require(profile.id).status !== 'published') {
      await this.profiles.publish(profile.id);
      this.scheduler.refresh(profile.id);
    }
    return this.sync.start(profile.id, trigger, { fileText: input.content }).job;
  }

  /** The header of an export and the mapping an import would use; a problem is said, not thrown. */
  previewImport(input: { profileId?: string; content: string; fileName?: string; mapping?: ColumnMappingInput }): ImportPreview {
    const profile = input.profileId ? this.profiles.require(input.profileId) : undefined;
    const options = profile ? (this.store.root.aliases.find((a) => a.id === profile.aliasId)?.settings.options ?? {}) : {};
    const fileName = input.fileName?.trim() || 'The export';
    let header: string[] = [];
    try {
      header = readRows(input.content, fileName).header;
      const given = mappingOf(options, input.mapping);
      const guess = { ...guessMapping(header), ...Object.fromEntries(Object.entries(given).filter(([, v]) => v && header.includes(v))) };
      if (input.mapping?.lastActive === null) delete guess.lastActive;
      try {
        const parsed = parseExport(input.content, given, fileName);
        return { header, mapping: parsed.mapping, seats: parsed.seats.length };
      } catch (error) {
        return { header, mapping: guess, problem: (error as Error).message };
      }
    } catch (error) {
      return { header, mapping: {}, problem: (error as Error).message };
    }
  }

  async update(input: UpdateProfileInput): Promise<ProfileDetail> {
    const before = this.profiles.require(input.profileId).processes.activity;
    const detail = await this.profiles.update(input);
    const after = detail.processes.activity;
    const wentAway = before.enabled && !after.enabled;
    if (!wentAway && before.lookbackDays === after.lookbackDays) return detail;
    // Activity just went away, or the look-back moved: nobody may stay a candidate on activity
    // no longer read, or on days the log was not read for.
    await this.reclamation.recompute(detail.id);
    return this.profiles.detail(detail.id);
  }

  async remove(idOrName: string): Promise<void> {
    const id = this.profiles.require(idOrName).id;
    this.sync.cancel(id);
    this.scheduler.cancel(id);
    await this.profiles.remove(id);
    this.scheduler.refresh(id);
    // An identity provider's people leave the directory with it: its leavers are no longer known.
    const linked = this.store.root.profiles.filter((p) => p.sso?.idpProfileId === id).map((p) => p.id);
    if (linked.length) {
      // Their SSO activity came through this profile: it stops with it (dates already read stay).
      await this.store.update((root) => {
        for (const p of root.profiles) if (p.sso?.idpProfileId === id) delete p.sso;
      });
    }
    if (await forgetProfileSource(this.store, id)) await this.reclamation.recomputeAll();
  }
}

/**
 * The mapping for an import: the columns given now over the ones remembered on the profile;
 * `lastActive: null` says the export has no last-active column (then none is guessed either).
 */
function mappingOf(options: Record<string, string>, given: ColumnMappingInput | undefined): Partial<ColumnMapping> & { lastActive?: string } {
  const out: Partial<ColumnMapping> = { ...mappingFromOptions(options) };
  for (const { field } of MAPPING_FIELDS) {
    const value = given?.[field];
    if (typeof value === 'string') out[field] = value;
  }
  // An empty string is "given, none": resolveMapping then guesses nothing for it.
  if (given?.lastActive === null) out.lastActive = '';
  return out;
}

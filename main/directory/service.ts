/**
 * The directory's sources and the merged list people read. A change to any source (an HR
 * roster imported or removed, an identity provider profile synced) recomputes every profile's
 * candidates through `onChange`, so leavers show up without waiting for each app's next sync.
 */
import type { DirectoryPerson } from '../../connectors/types.js';
import type { MethodInput, MethodOutput } from '../../preload/contract.js';
import { invalid, notFound } from '../errors.js';
import type { DirectorySourceRecord, StoredPerson } from '../store/directory-file.js';
import type { DataStore } from '../store/data-store.js';
import { directoryEntries, emailKey } from './people.js';
import { parseRoster } from './roster.js';

export interface DirectoryDeps {
  store: DataStore;
  now: () => Date;
  /** Recompute candidates of every profile: the directory changed who is a leaver or an orphan. */
  onChange: () => Promise<void>;
}

const ROSTER_VENDOR = 'HR roster';

function slug(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'roster';
}

function view(source: DirectorySourceRecord): MethodOutput<'directory:import'> {
  return {
    id: source.id,
    kind: source.kind,
    name: source.name,
    vendorName: source.vendorName,
    ...(source.profileId ? { profileId: source.profileId } : {}),
    readAt: source.readAt,
    people: source.people.length,
  };
}

export class DirectoryService {
  constructor(private readonly deps: DirectoryDeps) {}

  async list(query: MethodInput<'directory:list'>): Promise<MethodOutput<'directory:list'>> {
    const file = await this.deps.store.directory();
    let people = directoryEntries(file, this.deps.now());
    const search = query.search?.trim().toLowerCase();
    if (search) people = people.filter((p) => p.email.toLowerCase().includes(search) || p.name.toLowerCase().includes(search));
    if (query.status) people = people.filter((p) => p.status === query.status);
    if (query.source) people = people.filter((p) => p.sources.includes(query.source!) || p.sources.some((s) => s.endsWith(`(${query.source})`)));
    return { people, sources: file.sources.map(view) };
  }

  /** Loads an HR roster, replacing the roster of the same name: every row checks, or nothing changes. */
  async importRoster(input: MethodInput<'directory:import'>): Promise<MethodOutput<'directory:import'>> {
    const fileName = input.fileName.trim() || 'the roster';
    const people = parseRoster(Buffer.from(input.content, 'utf8'), fileName);
    if (people.length === 0) throw invalid(`${fileName} lists nobody: a roster needs one row per person under its header row.`);
    const id = `roster:${slug(input.name)}`;
    const source: DirectorySourceRecord = {
      id,
      kind: 'roster',
      name: input.name.trim(),
      vendorName: ROSTER_VENDOR,
      readAt: this.deps.now().toISOString(),
      file: fileName,
      people,
    };
    const before = await this.deps.store.updateDirectory((file) => {
      const at = file.sources.findIndex((s) => s.id === id);
      const old = at >= 0 ? file.sources[at] : undefined;
      if (at >= 0) file.sources[at] = source;
      else file.sources.push(source);
      return old;
    });
    await this.deps.store.audit.append({
      action: 'directory.roster_imported',
      target: source.name,
      before: before ? { people: before.people.length, file: before.file } : null,
      after: { people: people.length, file: fileName, leaving: people.filter((p) => p.endDate || p.status !== 'active').length },
    });
    await this.deps.onChange();
    return view(source);
  }

  async removeSource(sourceId: string): Promise<void> {
    const removed = await this.deps.store.updateDirectory((file) => {
      const at = file.sources.findIndex((s) => s.id === sourceId);
      if (at < 0) return undefined;
      return file.sources.splice(at, 1)[0];
    });
    if (!removed) throw notFound(`The directory source ${sourceId}`);
    await this.deps.store.audit.append({ action: 'directory.source_removed', target: removed.name, before: { people: removed.people.length, kind: removed.kind } });
    await this.deps.onChange();
  }
}

/** An identity provider profile's people, as its sync read them: one source per profile. */
export async function saveIdentityProviderPeople(
  store: DataStore,
  profile: { id: string; name: string },
  vendorName: string,
  people: readonly DirectoryPerson[],
  readAt: string,
): Promise<void> {
  const stored: StoredPerson[] = [];
  const seen = new Set<string>();
  for (const p of people) {
    const key = emailKey(p.email);
    // A person without an email cannot be matched to any seat; a repeated email is the same person.
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    const person: StoredPerson = { email: p.email.trim(), name: p.name, status: p.status };
    if (p.lastLoginAt) person.lastLoginAt = p.lastLoginAt;
    if (p.status !== 'active' && p.statusChangedAt) person.statusChangedAt = p.statusChangedAt;
    stored.push(person);
  }
  const id = `profile:${profile.id}`;
  const source: DirectorySourceRecord = { id, kind: 'idp', name: profile.name, vendorName, profileId: profile.id, readAt, people: stored };
  await store.updateDirectory((file) => {
    const at = file.sources.findIndex((s) => s.id === id);
    if (at >= 0) file.sources[at] = source;
    else file.sources.push(source);
  });
}

/** A removed identity provider profile takes its people with it. */
export async function forgetProfileSource(store: DataStore, profileId: string): Promise<boolean> {
  return store.updateDirectory((file) => {
    const at = file.sources.findIndex((s) => s.profileId === profileId);
    if (at < 0) return false;
    file.sources.splice(at, 1);
    return true;
  });
}

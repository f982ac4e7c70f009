import fs from 'node:fs';
import path from 'node:path';
import type { JobResult } from '../../preload/contract.js';
import { StoreVersionError } from './errors.js';
import { JsonDocument, isObject } from './json-file.js';
import { acquireLock, type DataDirLock } from './lock.js';
import { migrate } from './migrations.js';
import { checkSnapshotFile, decodeSnapshot, encodeSnapshot, snapshotText } from './snapshot-codec.js';
import { emptyRoot, SCHEMA_VERSION, type CandidateFile, type RootData, type Snapshot } from './schema.js';
import { AuditLog } from './audit-log.js';

export const ROOT_FILE = 'seatwise.json';
export const JOBS_FILE = 'jobs.json';
const MAX_JOBS = 2000;

export interface StoreOptions {
  dataDir: string;
  /** Who holds the data folder, shown to a second process ("seatwise serve", "Seatwise app"). */
  lockHolder?: string;
  /** Skip the lock: only for read-only tools such as benchmarks of reopen. */
  noLock?: boolean;
}

function checkRoot(value: unknown): string | undefined {
  if (!isObject(value)) return 'its top level is not an object';
  if (typeof value.schemaVersion !== 'number') return 'it has no schemaVersion';
  for (const key of ['profiles', 'aliases'] as const) {
    if (!Array.isArray(value[key])) return `its "${key}" is not a list`;
  }
  return undefined;
}

function checkCandidates(value: unknown): string | undefined {
  if (!isObject(value) || !Array.isArray(value.candidates)) return 'it has no candidates list';
  return undefined;
}

function checkJobs(value: unknown): string | undefined {
  return Array.isArray(value) ? undefined : 'it is not a list of jobs';
}

/**
 * The data folder. Configuration is loaded at open; per-profile snapshots and candidates
 * are loaded on first use and cached, so opening a folder with 200,000 subscriptions does
 * not parse them all.
 */
export class Store {
  readonly audit: AuditLog;
  private readonly rootDoc: JsonDocument<RootData>;
  private readonly jobsDoc: JsonDocument<JobResult[]>;
  private readonly snapshots = new Map<string, Snapshot | null>();
  private readonly candidateFiles = new Map<string, CandidateFile | null>();
  private jobsCache: JobResult[] | undefined;
  private closed = false;

  private constructor(
    readonly dataDir: string,
    private data: RootData,
    private readonly lock: DataDirLock | undefined,
  ) {
    this.rootDoc = new JsonDocument<RootData>(path.join(dataDir, ROOT_FILE), checkRoot, { pretty: true });
    this.jobsDoc = new JsonDocument<JobResult[]>(path.join(dataDir, JOBS_FILE), checkJobs);
    this.audit = new AuditLog(path.join(dataDir, 'audit.jsonl'));
  }

  static async open(options: StoreOptions): Promise<Store> {
    const dataDir = path.resolve(options.dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
    const lock = options.noLock ? undefined : acquireLock(dataDir, options.lockHolder ?? 'Seatwise');
    try {
      const doc = new JsonDocument<RootData>(path.join(dataDir, ROOT_FILE), checkRoot, { pretty: true });
      const raw = await doc.read();
      if (raw && raw.schemaVersion > SCHEMA_VERSION) throw new StoreVersionError(doc.path, raw.schemaVersion, SCHEMA_VERSION);
      const { data, migrated } = raw ? migrate(raw as unknown as Record<string, unknown>) : { data: emptyRoot(), migrated: true };
      const store = new Store(dataDir, { ...emptyRoot(), ...data }, lock);
      if (migrated) {
        if (raw) fs.copyFileSync(doc.path, `${doc.path}.v${raw.schemaVersion}.bak`);
        await store.rootDoc.write(store.data);
      }
      return store;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  get root(): Readonly<RootData> {
    return this.data;
  }

  /** Applies a change to the configuration and writes it atomically. */
  async update<T>(change: (root: RootData) => T): Promise<T> {
    this.assertOpen();
    const result = change(this.data);
    await this.rootDoc.write(this.data);
    return result;
  }

  private profileDir(profileId: string): string {
    return path.join(this.dataDir, 'profiles', profileId);
  }

  /** Stored as columns (snapshot-codec.ts); files in the row format of schema 1 still read. */
  private snapshotDoc(profileId: string): JsonDocument<Snapshot> {
    return new JsonDocument<Snapshot>(path.join(this.profileDir(profileId), 'snapshot.json'), checkSnapshotFile, {
      encode: encodeSnapshot,
      decode: decodeSnapshot,
      text: snapshotText,
    });
  }

  private candidatesDoc(profileId: string): JsonDocument<CandidateFile> {
    return new JsonDocument<CandidateFile>(path.join(this.profileDir(profileId), 'candidates.json'), checkCandidates);
  }

  async snapshot(profileId: string): Promise<Snapshot | null> {
    if (!this.snapshots.has(profileId)) this.snapshots.set(profileId, await this.snapshotDoc(profileId).read());
    return this.snapshots.get(profileId) ?? null;
  }

  /** Replaces a profile's snapshot in one atomic rename: readers see the old one or the new one. */
  async commitSnapshot(snapshot: Snapshot): Promise<void> {
    this.assertOpen();
    fs.mkdirSync(this.profileDir(snapshot.profileId), { recursive: true });
    await this.snapshotDoc(snapshot.profileId).write(snapshot);
    this.snapshots.set(snapshot.profileId, snapshot);
  }

  async candidates(profileId: string): Promise<CandidateFile | null> {
    if (!this.candidateFiles.has(profileId)) this.candidateFiles.set(profileId, await this.candidatesDoc(profileId).read());
    return this.candidateFiles.get(profileId) ?? null;
  }

  async saveCandidates(file: CandidateFile): Promise<void> {
    this.assertOpen();
    fs.mkdirSync(this.profileDir(file.profileId), { recursive: true });
    await this.candidatesDoc(file.profileId).write(file);
    this.candidateFiles.set(file.profileId, file);
  }

  async jobs(): Promise<JobResult[]> {
    this.jobsCache ??= (await this.jobsDoc.read()) ?? [];
    return this.jobsCache;
  }

  /** Inserts or replaces a job record, keeping the newest MAX_JOBS. */
  async saveJob(job: JobResult, prune?: (jobs: JobResult[]) => JobResult[]): Promise<void> {
    this.assertOpen();
    const jobs = await this.jobs();
    const index = jobs.findIndex((j) => j.id === job.id);
    if (index >= 0) jobs[index] = job;
    else jobs.unshift(job);
    let kept = prune ? prune(jobs) : jobs;
    if (kept.length > MAX_JOBS) kept = kept.slice(0, MAX_JOBS);
    this.jobsCache = kept;
    await this.jobsDoc.write(kept);
  }

  async removeProfileFiles(profileId: string): Promise<void> {
    this.snapshots.delete(profileId);
    this.candidateFiles.delete(profileId);
    fs.rmSync(this.profileDir(profileId), { recursive: true, force: true });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lock?.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The store is closed.');
  }
}

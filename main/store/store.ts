import fs from 'node:fs';
import path from 'node:path';
import type { JobResult } from '../../preload/contract.js';
import { logNote } from '../log/logger.js';
import { StoreCorruptError, StoreVersionError } from './errors.js';
import { candidateFileHeadSchema, candidateSchema, checkRecords, jobsFileSchema, problemOf, rootFileSchema } from './data-schemas.js';
import { JsonDocument, isObject, tempPathOf } from './json-file.js';
import { acquireLock, type DataDirLock } from './lock.js';
import { migrate } from './migrations.js';
import { mkdirPrivate, octal, PRIVATE_FILE_MODE, tightenTree } from './private-files.js';
import { checkSnapshotFile, decodeSnapshot, decodeSnapshotRows, snapshotJsonChunks, snapshotText } from './snapshot-codec.js';
import { seatsOfRecords, seatsOfRows, type PreviousSeats } from './previous-seats.js';
import { emptyRoot, SCHEMA_VERSION, type CandidateFile, type RootData, type Snapshot } from './schema.js';
import { AuditLog } from './audit-log.js';
import { checkDirectoryFile, type DirectoryFile } from './directory-file.js';
import { LocalExclusive, MAX_JOBS, withJob, type DataStore } from './data-store.js';

export const ROOT_FILE = 'seatwise.json';
export const JOBS_FILE = 'jobs.json';
export const AUDIT_FILE = 'audit.jsonl';
export const DIRECTORY_FILE = 'directory.json';
const SNAPSHOT_FILE = 'snapshot.json';
const CANDIDATES_FILE = 'candidates.json';
/** Written by main/export with its own modes; not the store's to change. */
const EXPORTS_FOLDER = 'exports';

export interface StoreOptions {
  dataDir: string;
  /** Who holds the data folder, shown to a second process ("seatwise serve", "Seatwise app"). */
  lockHolder?: string;
  /** Skip the lock: only for read-only tools such as benchmarks of reopen. */
  noLock?: boolean;
}

/** Before migration only the envelope is known; the whole file is checked once migrated. */
export function checkRootEnvelope(value: unknown): string | undefined {
  if (!isObject(value)) return 'its top level is not an object';
  if (typeof value.schemaVersion !== 'number') return 'it has no schemaVersion';
  return undefined;
}

export function checkCandidates(value: unknown): string | undefined {
  if (!isObject(value) || !Array.isArray(value.candidates)) return 'it has no candidates list';
  return problemOf(candidateFileHeadSchema, value) ?? checkRecords(value.candidates, candidateSchema, ['candidates']);
}

export function checkJobs(value: unknown): string | undefined {
  return Array.isArray(value) ? problemOf(jobsFileSchema, value) : 'it is not a list of jobs';
}

const ACTIVE_STATES: ReadonlySet<string> = new Set(['queued', 'running']);

/**
 * A job left queued or running by a process that is gone: it will never finish, so it is
 * closed as interrupted, at the last moment its process recorded, with the phase it reached.
 */
export function interruptedJob(job: JobResult): JobResult {
  const phases = job.phases.map((p) => ({ ...p }));
  const times = [job.startedAt, ...phases.flatMap((p) => [p.startedAt, p.finishedAt ?? p.startedAt])];
  const lastSeen = times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  const reached = phases.findLast((p) => p.state === 'running') ?? phases.at(-1);
  for (const phase of phases) {
    if (phase.state !== 'running') continue;
    phase.state = 'failed';
    phase.finishedAt = lastSeen;
    phase.message = 'Interrupted: Seatwise stopped before this phase finished.';
  }
  const where = reached ? `during the ${reached.phase} phase` : 'before its first phase';
  return {
    ...job,
    phases,
    state: 'interrupted',
    finishedAt: lastSeen,
    error:
      `Interrupted ${where}: Seatwise stopped (killed, crashed or shut down) before the sync finished. ` +
      'What it had saved before that is kept; the next sync starts over.',
  };
}

/**
 * The data folder. Configuration and job records are loaded (and checked whole) at open;
 * per-profile snapshots and candidates are loaded and checked on first use and cached, so
 * opening a folder with 200,000 subscriptions does not parse them all.
 *
 * Memory follows the disk: a change is applied to a copy (or, for snapshots and candidates,
 * arrives whole) and becomes what the store holds only once its file is written. A failed
 * write (a full disk) leaves the running app with what is on disk, not with the change.
 */
export class Store implements DataStore {
  readonly audit: AuditLog;
  private readonly rootDoc: JsonDocument<RootData>;
  private readonly jobsDoc: JsonDocument<JobResult[]>;
  private readonly snapshots = new Map<string, Snapshot | null>();
  private readonly candidateFiles = new Map<string, CandidateFile | null>();
  private readonly directoryDoc: JsonDocument<DirectoryFile>;
  private directoryCache: DirectoryFile | undefined;
  private directoryQueue: Promise<unknown> = Promise.resolve();
  private jobsCache: JobResult[] = [];
  /** The newest record of jobs whose save failed, by id: written with the next jobs.json that is. */
  private readonly unsavedJobs = new Map<string, JobResult>();
  // Changes to one file, one after the other: each starts from what the previous one wrote.
  private rootQueue: Promise<unknown> = Promise.resolve();
  private jobsQueue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly dataDir: string,
    private data: RootData,
    private readonly lock: DataDirLock | undefined,
  ) {
    this.rootDoc = rootDocument(dataDir);
    this.jobsDoc = new JsonDocument<JobResult[]>(path.join(dataDir, JOBS_FILE), checkJobs);
    this.directoryDoc = new JsonDocument<DirectoryFile>(path.join(dataDir, DIRECTORY_FILE), checkDirectoryFile);
    this.audit = new AuditLog(path.join(dataDir, AUDIT_FILE), (fields, message) => logNote(dataDir, 'warn', fields, message));
  }

  static async open(options: StoreOptions): Promise<Store> {
    const dataDir = path.resolve(options.dataDir);
    mkdirPrivate(dataDir);
    const lock = options.noLock ? undefined : acquireLock(dataDir, options.lockHolder ?? 'Seatwise');
    try {
      // Only the holder changes the folder; a read-only open (noLock) leaves it as it is.
      if (lock) {
        tightenModes(dataDir);
        removeTempFiles(dataDir);
      }
      const doc = rootDocument(dataDir);
      const raw = await doc.read();
      if (raw && raw.schemaVersion > SCHEMA_VERSION) throw new StoreVersionError(doc.path, raw.schemaVersion, SCHEMA_VERSION);
      const { data, migrated } = raw ? migrate(raw as unknown as Record<string, unknown>) : { data: emptyRoot(), migrated: true };
      const root = { ...emptyRoot(), ...data };
      const problem = problemOf(rootFileSchema, root);
      if (problem) throw new StoreCorruptError(doc.path, problem);
      const store = new Store(dataDir, root, lock);
      store.jobsCache = (await store.jobsDoc.read()) ?? [];
      if (migrated) {
        if (raw) {
          const backup = `${doc.path}.v${raw.schemaVersion}.bak`;
          fs.copyFileSync(doc.path, backup);
          if (process.platform !== 'win32') fs.chmodSync(backup, PRIVATE_FILE_MODE);
        }
        await store.rootDoc.write(store.data);
      }
      // This process holds the lock, so no other runs a sync here: every job still marked
      // queued or running belongs to a process that died.
      if (lock) await store.closeInterruptedJobs();
      return store;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  get root(): Readonly<RootData> {
    return this.data;
  }

  /**
   * Applies a change to a copy of the configuration, writes it atomically, and only then makes
   * it the configuration. When the write fails, nothing changed, on disk or here. Changes run
   * one at a time, in call order, each on what the previous one wrote.
   */
  update<T>(change: (root: RootData) => T): Promise<T> {
    this.assertOpen();
    const run = async (): Promise<T> => {
      const next = structuredClone(this.data);
      const result = change(next);
      await this.rootDoc.write(next);
      this.data = next;
      return result;
    };
    const done = this.rootQueue.then(run);
    this.rootQueue = done.catch(() => undefined);
    return done;
  }

  private profileDir(profileId: string): string {
    return path.join(this.dataDir, 'profiles', profileId);
  }

  private snapshotPath(profileId: string): string {
    return path.join(this.profileDir(profileId), SNAPSHOT_FILE);
  }

  /** Stored as columns (snapshot-codec.ts); files in the row format of schema 1 still read. */
  private snapshotDoc(profileId: string): JsonDocument<Snapshot> {
    return new JsonDocument<Snapshot>(this.snapshotPath(profileId), checkSnapshotFile, {
      jsonChunks: snapshotJsonChunks,
      decode: decodeSnapshot,
      text: snapshotText,
    });
  }

  private candidatesDoc(profileId: string): JsonDocument<CandidateFile> {
    return new JsonDocument<CandidateFile>(path.join(this.profileDir(profileId), CANDIDATES_FILE), checkCandidates);
  }

  async snapshot(profileId: string): Promise<Snapshot | null> {
    if (!this.snapshots.has(profileId)) this.snapshots.set(profileId, await this.snapshotDoc(profileId).read());
    return this.snapshots.get(profileId) ?? null;
  }

  /**
   * The seats a sync merges with. When the snapshot is not in memory (a command line sync), its
   * records are not built, and the file read is not cached: the commit that follows is.
   */
  async previousSeats(profileId: string): Promise<PreviousSeats | null> {
    const cached = this.snapshots.get(profileId);
    if (cached !== undefined) return cached ? seatsOfRecords(cached.subscriptions) : null;
    const read = await new JsonDocument(this.snapshotPath(profileId), checkSnapshotFile, { decode: decodeSnapshotRows, text: snapshotText }).read();
    return read ? seatsOfRows(read.rows) : null;
  }

  /**
   * Replaces a profile's snapshot in one atomic rename: readers see the old one or the new one.
   * It becomes the cached snapshot once written. On a failed write the cache is dropped, so
   * the next read is the file again: callers edit the cached records in place before they
   * commit, and those edits did not reach the disk.
   */
  async commitSnapshot(snapshot: Snapshot): Promise<void> {
    this.assertOpen();
    try {
      mkdirPrivate(this.profileDir(snapshot.profileId));
      await this.snapshotDoc(snapshot.profileId).write(snapshot);
    } catch (error) {
      this.snapshots.delete(snapshot.profileId);
      throw error;
    }
    this.snapshots.set(snapshot.profileId, snapshot);
  }

  async candidates(profileId: string): Promise<CandidateFile | null> {
    if (!this.candidateFiles.has(profileId)) this.candidateFiles.set(profileId, await this.candidatesDoc(profileId).read());
    return this.candidateFiles.get(profileId) ?? null;
  }

  /** As commitSnapshot: cached once written, dropped from the cache when the write fails. */
  async saveCandidates(file: CandidateFile): Promise<void> {
    this.assertOpen();
    try {
      mkdirPrivate(this.profileDir(file.profileId));
      await this.candidatesDoc(file.profileId).write(file);
    } catch (error) {
      this.candidateFiles.delete(file.profileId);
      throw error;
    }
    this.candidateFiles.set(file.profileId, file);
  }

  /** Newest first, as written to jobs.json. */
  async jobs(): Promise<JobResult[]> {
    return this.jobsCache;
  }

  /**
   * True when the profile's newest job was interrupted (its process ended mid-run): the
   * scheduler's catch-up counts that run as missed.
   */
  lastRunInterrupted(profileId: string): boolean {
    return this.jobsCache.find((j) => j.profileId === profileId)?.state === 'interrupted';
  }

  /**
   * Inserts or replaces a job record, keeping the newest MAX_JOBS. The record is copied: the
   * caller goes on changing its job, and what the store holds is what jobs.json holds.
   */
  async saveJob(job: JobResult, prune?: (jobs: JobResult[]) => JobResult[]): Promise<void> {
    this.assertOpen();
    const saved = structuredClone(job);
    try {
      await this.changeJobs((jobs) => {
        const next = withJob(jobs, saved);
        const kept = prune ? prune(next) : next;
        return kept.length > MAX_JOBS ? kept.slice(0, MAX_JOBS) : kept;
      });
    } catch (error) {
      // Not in the list (which is the file's), but not forgotten: the next write of jobs.json
      // that succeeds carries it, so a sync that failed on a full disk is recorded as failed
      // once there is room, not left running.
      this.unsavedJobs.set(saved.id, saved);
      throw error;
    }
  }

  private changeJobs(change: (jobs: JobResult[]) => JobResult[]): Promise<void> {
    const run = async (): Promise<void> => {
      const carried = [...this.unsavedJobs.values()];
      const next = change(carried.reduceRight((jobs, job) => withJob(jobs, job), this.jobsCache));
      await this.jobsDoc.write(next);
      this.jobsCache = next;
      for (const job of carried) if (this.unsavedJobs.get(job.id) === job) this.unsavedJobs.delete(job.id);
    };
    const done = this.jobsQueue.then(run);
    this.jobsQueue = done.catch(() => undefined);
    return done;
  }

  private async closeInterruptedJobs(): Promise<void> {
    const stale = this.jobsCache.filter((j) => ACTIVE_STATES.has(j.state));
    if (!stale.length) return;
    await this.changeJobs((jobs) => jobs.map((j) => (ACTIVE_STATES.has(j.state) ? interruptedJob(j) : j)));
    for (const job of stale) {
      const closed = this.jobsCache.find((j) => j.id === job.id);
      logNote(this.dataDir, 'warn', { job: job.id, profile: job.profileName, startedAt: job.startedAt, error: closed?.error }, 'A sync left running by a process that ended was marked interrupted');
    }
  }

  /** The people of every directory source (identity providers, HR rosters); read once, then cached. */
  async directory(): Promise<DirectoryFile> {
    this.directoryCache ??= (await this.directoryDoc.read()) ?? { sources: [] };
    return this.directoryCache;
  }

  /** As update(): the change is applied to a copy, written, and only then what the store holds. */
  updateDirectory<T>(change: (file: DirectoryFile) => T): Promise<T> {
    this.assertOpen();
    const run = async (): Promise<T> => {
      const next = structuredClone(await this.directory());
      const result = change(next);
      await this.directoryDoc.write(next);
      this.directoryCache = next;
      return result;
    };
    const done = this.directoryQueue.then(run);
    this.directoryQueue = done.catch(() => undefined);
    return done;
  }

  async removeProfileFiles(profileId: string): Promise<void> {
    this.snapshots.delete(profileId);
    this.candidateFiles.delete(profileId);
    fs.rmSync(this.profileDir(profileId), { recursive: true, force: true });
  }

  private readonly local = new LocalExclusive();

  exclusive<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    return this.local.run(name, work);
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

function rootDocument(dataDir: string): JsonDocument<RootData> {
  return new JsonDocument<RootData>(path.join(dataDir, ROOT_FILE), checkRootEnvelope, { pretty: true });
}

/** A folder from before modes were set (0755, files 0644) becomes its owner's only, once, and says so. */
function tightenModes(dataDir: string): void {
  const changed = tightenTree(dataDir, new Set([EXPORTS_FOLDER]));
  if (!changed.length) return;
  const folder = changed.find((c) => c.path === dataDir);
  logNote(
    dataDir,
    'warn',
    { folder: dataDir, ...(folder ? { folderMode: octal(folder.from) } : {}), files: changed.filter((c) => c !== folder).map((c) => `${path.relative(dataDir, c.path)} ${octal(c.from)}`) },
    `The data folder was readable by other users${folder ? ` (mode ${octal(folder.from)})` : ''}; it is now the owner's only: folders 0700, files 0600`,
  );
}

/** Temp files of writes a crash or a full disk cut short: never the data, always safe to remove. */
function removeTempFiles(dataDir: string): void {
  const candidates = [ROOT_FILE, JOBS_FILE, DIRECTORY_FILE].map((f) => tempPathOf(path.join(dataDir, f)));
  const profiles = path.join(dataDir, 'profiles');
  const folders = fs.existsSync(profiles) ? fs.readdirSync(profiles, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
  for (const entry of folders) {
    for (const f of [SNAPSHOT_FILE, CANDIDATES_FILE]) candidates.push(tempPathOf(path.join(profiles, entry.name, f)));
  }
  const removed = candidates.filter((file) => {
    if (!fs.existsSync(file)) return false;
    fs.rmSync(file, { force: true });
    return true;
  });
  if (removed.length) logNote(dataDir, 'info', { files: removed.map((f) => path.relative(dataDir, f)) }, 'Removed temp files left by writes that did not finish');
}


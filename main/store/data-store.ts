import type { PreviousSeats } from './previous-seats.js';
import type { JobResult } from '../../preload/contract.js';
import type { AuditEvent } from './audit-log.js';
import type { DirectoryFile } from './directory-file.js';
import type { CandidateFile, RootData, Snapshot } from './schema.js';

/** What an audit trail offers: events are appended, never changed, and read back in order. */
export interface AuditTrail {
  append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'> & { actor?: string }): Promise<AuditEvent>;
  read(): Promise<AuditEvent[]>;
  /** An event recorded elsewhere, kept as it was (id, time, actor): moving a store loses nothing. */
  appendAsRecorded(event: AuditEvent): Promise<void>;
}

/**
 * The store every service works through. Two back ends keep it: the data folder of one
 * administrator (`store.ts`, private JSON files) and the database of a team server
 * (`postgres/postgres-store.ts`). Both hold the same data and keep the same promises: a change
 * is applied to a copy and becomes what the store holds only once it is saved; a failed save
 * leaves memory equal to what is stored.
 */
export interface DataStore {
  /** Where logs and exports go: the data folder itself, or a team server's working folder. */
  readonly dataDir: string;
  readonly audit: AuditTrail;
  /** The configuration as last saved; read synchronously, changed only through update(). */
  readonly root: Readonly<RootData>;
  update<T>(change: (root: RootData) => T): Promise<T>;
  snapshot(profileId: string): Promise<Snapshot | null>;
  /** The last committed snapshot's seats by id, for a sync to merge with (previous-seats.ts). */
  previousSeats(profileId: string): Promise<PreviousSeats | null>;
  commitSnapshot(snapshot: Snapshot): Promise<void>;
  candidates(profileId: string): Promise<CandidateFile | null>;
  saveCandidates(file: CandidateFile): Promise<void>;
  /** Newest first. */
  jobs(): Promise<JobResult[]>;
  lastRunInterrupted(profileId: string): boolean;
  saveJob(job: JobResult, prune?: (jobs: JobResult[]) => JobResult[]): Promise<void>;
  directory(): Promise<DirectoryFile>;
  updateDirectory<T>(change: (file: DirectoryFile) => T): Promise<T>;
  removeProfileFiles(profileId: string): Promise<void>;
  /**
   * Runs `work` while no other process sharing this store runs work of the same name (a
   * reclaim of one profile, its sync); `{ ran: false }` at once when one does. A data folder
   * has one process (its lock), so there it only keeps this process's callers apart; a team
   * server's database keeps every server apart, and a server that dies lets go.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** A store other servers also write: takes in the configuration they saved; true when it changed. */
  refresh?(): Promise<boolean>;
  close(): void | Promise<void>;
}

/** One process's exclusive(): names held by this process. */
export class LocalExclusive {
  private readonly held = new Set<string>();

  async run<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.held.has(name)) return { ran: false };
    this.held.add(name);
    try {
      return { ran: true, value: await work() };
    } finally {
      this.held.delete(name);
    }
  }
}

/** The most job records either store keeps. */
export const MAX_JOBS = 2000;

/** The list with `job` in place of the record of the same id, or first when it is new. */
export function withJob(jobs: JobResult[], job: JobResult): JobResult[] {
  const index = jobs.findIndex((j) => j.id === job.id);
  return index >= 0 ? jobs.with(index, job) : [job, ...jobs];
}

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { JobResult } from '../../../preload/contract.js';
import { DatabaseSecretStore } from '../../vault/database-secret-store.js';
import type { KeyRing } from '../../vault/key-ring.js';
import { redact } from '../../vault/redact.js';
import { currentActor } from '../actor.js';
import { osUser, type AuditEvent } from '../audit-log.js';
import { auditEventSchema, problemOf, recordCheck, rootFileSchema } from '../data-schemas.js';
import { LocalExclusive, MAX_JOBS, withJob, type AuditTrail, type DataStore } from '../data-store.js';
import { checkDirectoryFile, type DirectoryFile } from '../directory-file.js';
import { StoreCorruptError, StoreVersionError } from '../errors.js';
import { migrate } from '../migrations.js';
import { mkdirPrivate } from '../private-files.js';
import { emptyRoot, SCHEMA_VERSION, type CandidateFile, type RootData, type Snapshot } from '../schema.js';
import { checkSnapshotFile, decodeSnapshot, encodeSnapshot } from '../snapshot-codec.js';
import { seatsOfRecords, type PreviousSeats } from '../previous-seats.js';
import { checkCandidates, checkJobs, checkRootEnvelope } from '../store.js';
import { migrateDatabase } from './schema-migrations.js';
import { SessionTable } from './session-table.js';

export interface PostgresStoreOptions {
  /** postgres://user@host/db, or a Unix socket folder as `postgres:///db?host=/run/postgresql`. */
  url: string;
  /** The server's working folder: logs and exports, never data. */
  workDir: string;
  /** Pool size: one server's concurrent syncs and requests. */
  maxConnections?: number;
}

/** Where a problem was found, as StoreCorruptError names a file. */
const where = (table: string, key?: string): string => `PostgreSQL table ${table}${key ? ` (${key})` : ''}`;

function parsed(text: string, table: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(where(table, key), `it is not valid JSON (${(error as Error).message})`);
  }
}

function checked<T>(value: unknown, check: (v: unknown) => string | undefined, table: string, key?: string): T {
  const problem = check(value);
  if (problem) throw new StoreCorruptError(where(table, key), problem);
  return value as T;
}

/** The configuration row as saved, with lists a server of an older version did not know filled in. */
function storedRoot(value: unknown): RootData {
  const data = value !== null && typeof value === 'object' ? { ...emptyRoot(), ...value } : value;
  return checked<RootData>(data, (v) => problemOf(rootFileSchema, v), 'root_config');
}

function decodeSnapshotRow(text: string, profileId: string): Snapshot {
  const value = checked<Record<string, unknown>>(parsed(text, 'snapshots', profileId), checkSnapshotFile, 'snapshots', profileId);
  try {
    return decodeSnapshot(value, where('snapshots', profileId));
  } catch (error) {
    if (error instanceof StoreVersionError) throw error;
    throw new StoreCorruptError(where('snapshots', profileId), (error as Error).message);
  }
}

const checkEvent = recordCheck(auditEventSchema);

/** Append-only in the schema itself (a trigger refuses UPDATE, DELETE and TRUNCATE). */
class PostgresAuditTrail implements AuditTrail {
  constructor(private readonly pool: pg.Pool) {}

  async append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'> & { actor?: string }): Promise<AuditEvent> {
    const full: AuditEvent = { id: randomUUID(), at: new Date().toISOString(), actor: event.actor ?? currentActor() ?? osUser(), ...event };
    await this.appendAsRecorded(full);
    return full;
  }

  async appendAsRecorded(event: AuditEvent): Promise<void> {
    await this.pool.query('INSERT INTO audit_events (id, at, event) VALUES ($1, $2, $3)', [event.id, event.at, redact(JSON.stringify(event))]);
  }

  async read(): Promise<AuditEvent[]> {
    const { rows } = await this.pool.query<{ seq: string; event: unknown }>('SELECT seq, event FROM audit_events ORDER BY seq');
    return rows.map((row) => {
      const problem = checkEvent(row.event, []);
      if (problem) throw new StoreCorruptError(where('audit_events', `seq ${row.seq}`), `not an audit event: ${problem}`);
      return row.event as AuditEvent;
    });
  }
}

type Versioned<T> = { version: number; value: T | null };


/**
 * The store of a team server: the same data as a data folder, in PostgreSQL. Several servers
 * may share one database, so every cached document carries the version it was read at: a
 * read checks the version (one indexed lookup) and reloads what another server changed, and
 * update() locks the row, applies the change to the newest stored copy and saves it in one
 * transaction, so no server's change is lost to another's.
 */
export class PostgresStore implements DataStore {
  readonly audit: AuditTrail;
  private data: RootData;
  private rootVersion: number;
  private readonly snapshots = new Map<string, Versioned<Snapshot>>();
  private readonly candidateFiles = new Map<string, Versioned<CandidateFile>>();
  private directoryCache: Versioned<DirectoryFile> | undefined;
  private jobsCache: JobResult[] = [];
  private rootQueue: Promise<unknown> = Promise.resolve();
  private jobsQueue: Promise<unknown> = Promise.resolve();
  private directoryQueue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly local = new LocalExclusive();

  private constructor(
    readonly dataDir: string,
    private readonly pool: pg.Pool,
    root: { data: RootData; version: number },
  ) {
    this.audit = new PostgresAuditTrail(pool);
    this.data = root.data;
    this.rootVersion = root.version;
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const workDir = path.resolve(options.workDir);
    mkdirPrivate(workDir);
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 8 });
    // An idle connection the server dropped must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await migrateDatabase(pool);
      const root = await PostgresStore.loadRoot(pool);
      const store = new PostgresStore(workDir, pool, root);
      store.jobsCache = await store.loadJobs();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** The stored configuration, migrated and checked; created (version 1) on an empty database. */
  private static async loadRoot(pool: pg.Pool): Promise<{ data: RootData; version: number }> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ version: string; data: unknown }>('SELECT version, data FROM root_config WHERE id = 1 FOR UPDATE');
      const row = rows[0];
      let version = row ? Number(row.version) : 0;
      const raw = row ? checked<Record<string, unknown>>(row.data, checkRootEnvelope, 'root_config') : undefined;
      if (raw && (raw.schemaVersion as number) > SCHEMA_VERSION) throw new StoreVersionError(where('root_config'), raw.schemaVersion as number, SCHEMA_VERSION);
      const { data, migrated } = raw ? migrate(raw) : { data: emptyRoot(), migrated: true };
      const root = checked<RootData>({ ...emptyRoot(), ...data }, (v) => problemOf(rootFileSchema, v), 'root_config');
      if (migrated) {
        version += 1;
        await client.query('INSERT INTO root_config (id, version, data) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET version = $1, data = $2', [version, JSON.stringify(root)]);
      }
      await client.query('COMMIT');
      return { data: root, version };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  get root(): Readonly<RootData> {
    return this.data;
  }

  /** Takes in what another server saved since this one last read the configuration; true when there was something. */
  async refresh(): Promise<boolean> {
    const { rows } = await this.pool.query<{ version: string; data: unknown }>(
      'SELECT version, CASE WHEN version = $1 THEN NULL ELSE data END AS data FROM root_config WHERE id = 1',
      [this.rootVersion],
    );
    const row = rows[0];
    if (!row || Number(row.version) === this.rootVersion) return false;
    this.data = storedRoot(row.data);
    this.rootVersion = Number(row.version);
    return true;
  }

  update<T>(change: (root: RootData) => T): Promise<T> {
    this.assertOpen();
    const run = async (): Promise<T> => {
      const { result, next, version } = await this.transaction(async (client) => {
        const { rows } = await client.query<{ version: string; data: unknown }>('SELECT version, data FROM root_config WHERE id = 1 FOR UPDATE');
        const stored = Number(rows[0]!.version);
        const base = stored === this.rootVersion ? this.data : storedRoot(rows[0]!.data);
        const next = structuredClone(base) as RootData;
        const result = change(next);
        await client.query('UPDATE root_config SET version = $1, data = $2 WHERE id = 1', [stored + 1, JSON.stringify(next)]);
        return { result, next, version: stored + 1 };
      });
      this.data = next;
      this.rootVersion = version;
      return result;
    };
    const done = this.rootQueue.then(run);
    this.rootQueue = done.catch(() => undefined);
    return done;
  }

  snapshot(profileId: string): Promise<Snapshot | null> {
    return this.readVersioned(this.snapshots, 'snapshots', profileId, decodeSnapshotRow);
  }

  async previousSeats(profileId: string): Promise<PreviousSeats | null> {
    const snapshot = await this.snapshot(profileId);
    return snapshot ? seatsOfRecords(snapshot.subscriptions) : null;
  }

  async commitSnapshot(snapshot: Snapshot): Promise<void> {
    this.assertOpen();
    try {
      const version = await this.upsertVersioned('snapshots', snapshot.profileId, JSON.stringify(encodeSnapshot(snapshot)));
      this.snapshots.set(snapshot.profileId, { version, value: snapshot });
    } catch (error) {
      // Callers edit the cached records before they commit: the next read is the database's.
      this.snapshots.delete(snapshot.profileId);
      throw error;
    }
  }

  candidates(profileId: string): Promise<CandidateFile | null> {
    return this.readVersioned(this.candidateFiles, 'candidate_files', profileId, (text, key) =>
      checked<CandidateFile>(parsed(text, 'candidate_files', key), checkCandidates, 'candidate_files', key),
    );
  }

  async saveCandidates(file: CandidateFile): Promise<void> {
    this.assertOpen();
    try {
      const version = await this.upsertVersioned('candidate_files', file.profileId, JSON.stringify(file));
      this.candidateFiles.set(file.profileId, { version, value: file });
    } catch (error) {
      this.candidateFiles.delete(file.profileId);
      throw error;
    }
  }

  async jobs(): Promise<JobResult[]> {
    this.jobsCache = await this.loadJobs();
    return this.jobsCache;
  }

  lastRunInterrupted(profileId: string): boolean {
    return this.jobsCache.find((j) => j.profileId === profileId)?.state === 'interrupted';
  }

  async saveJob(job: JobResult, prune?: (jobs: JobResult[]) => JobResult[]): Promise<void> {
    this.assertOpen();
    const saved = structuredClone(job);
    const run = async (): Promise<void> => {
      await this.transaction(async (client) => {
        await client.query('INSERT INTO jobs (id, profile_id, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET data = $3, profile_id = $2', [
          saved.id,
          saved.profileId ?? null,
          JSON.stringify(saved),
        ]);
        const all = withJob(await this.loadJobs(client), saved);
        const kept = prune ? prune(all) : all;
        const keptIds = new Set((kept.length > MAX_JOBS ? kept.slice(0, MAX_JOBS) : kept).map((j) => j.id));
        const dropped = all.filter((j) => !keptIds.has(j.id)).map((j) => j.id);
        if (dropped.length) await client.query('DELETE FROM jobs WHERE id = ANY($1)', [dropped]);
      });
      this.jobsCache = await this.loadJobs();
    };
    const done = this.jobsQueue.then(run);
    this.jobsQueue = done.catch(() => undefined);
    return done;
  }

  async directory(): Promise<DirectoryFile> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM directory WHERE id = 1');
    const version = rows[0] ? Number(rows[0].version) : 0;
    if (this.directoryCache?.version !== version) {
      const value = version ? await this.loadDirectory(this.pool) : null;
      this.directoryCache = { version, value };
    }
    return this.directoryCache.value ?? { sources: [] };
  }

  updateDirectory<T>(change: (file: DirectoryFile) => T): Promise<T> {
    this.assertOpen();
    const run = async (): Promise<T> => {
      const { result, next, version } = await this.transaction(async (client) => {
        await client.query("INSERT INTO directory (id, version, data) VALUES (1, 0, '{\"sources\":[]}') ON CONFLICT (id) DO NOTHING");
        const { rows } = await client.query<{ version: string }>('SELECT version FROM directory WHERE id = 1 FOR UPDATE');
        const stored = Number(rows[0]!.version);
        const base = this.directoryCache?.version === stored && this.directoryCache.value ? this.directoryCache.value : ((await this.loadDirectory(client)) ?? { sources: [] });
        const next = structuredClone(base);
        const result = change(next);
        await client.query('UPDATE directory SET version = $1, data = $2 WHERE id = 1', [stored + 1, JSON.stringify(next)]);
        return { result, next, version: stored + 1 };
      });
      this.directoryCache = { version, value: next };
      return result;
    };
    const done = this.directoryQueue.then(run);
    this.directoryQueue = done.catch(() => undefined);
    return done;
  }

  async removeProfileFiles(profileId: string): Promise<void> {
    this.snapshots.delete(profileId);
    this.candidateFiles.delete(profileId);
    await this.transaction(async (client) => {
      await client.query('DELETE FROM snapshots WHERE profile_id = $1', [profileId]);
      await client.query('DELETE FROM candidate_files WHERE profile_id = $1', [profileId]);
    });
  }

  /**
   * A session-level advisory lock on a connection of its own, held while `work` runs: the
   * other servers' attempts fail at once, and the lock goes with the connection when this
   * server dies. Inside this server, callers are kept apart before a connection is taken.
   */
  async exclusive<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const outcome = await this.local.run(name, async (): Promise<{ ran: true; value: T } | { ran: false }> => {
      const client = await this.pool.connect();
      // The connection may die while work runs (the database restarted, the link dropped):
      // that ends the lock too, and the connection is not given back to the pool.
      let broken: Error | undefined;
      const onError = (error: Error): void => void (broken = error);
      client.on('error', onError);
      let locked = false;
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [name]);
        locked = rows[0]!.locked;
        return locked ? { ran: true, value: await work() } : { ran: false };
      } finally {
        if (locked && !broken) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch((error: Error) => void (broken = error));
        client.off('error', onError);
        client.release(broken);
      }
    });
    return outcome.ran ? outcome.value : outcome;
  }

  /** The server's credentials, sealed with its keys, in this database. */
  secrets(keys: KeyRing): DatabaseSecretStore {
    return new DatabaseSecretStore(this.pool, keys);
  }

  /** Who is signed in to the team's servers, shared through this database. */
  sessions(): SessionTable {
    return new SessionTable(this.pool);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.rootQueue, this.jobsQueue, this.directoryQueue]);
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The store is closed.');
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The cached document when the stored version is the cached one, else the stored one. */
  private async readVersioned<T>(cache: Map<string, Versioned<T>>, table: 'snapshots' | 'candidate_files', key: string, decode: (text: string, key: string) => T): Promise<T | null> {
    const cached = cache.get(key);
    const { rows } = await this.pool.query<{ version: string; data: string | null }>(
      `SELECT version, CASE WHEN version = $2 THEN NULL ELSE data END AS data FROM ${table} WHERE profile_id = $1`,
      [key, cached?.version ?? -1],
    );
    const row = rows[0];
    if (!row) {
      cache.set(key, { version: 0, value: null });
      return null;
    }
    const version = Number(row.version);
    if (cached && cached.version === version) return cached.value;
    const value = decode(row.data!, key);
    cache.set(key, { version, value });
    return value;
  }

  private async upsertVersioned(table: 'snapshots' | 'candidate_files', key: string, text: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>(
      `INSERT INTO ${table} (profile_id, version, data) VALUES ($1, 1, $2)
       ON CONFLICT (profile_id) DO UPDATE SET version = ${table}.version + 1, data = $2 RETURNING version`,
      [key, text],
    );
    return Number(rows[0]!.version);
  }

  private async loadJobs(client: pg.Pool | pg.PoolClient = this.pool): Promise<JobResult[]> {
    const { rows } = await client.query<{ data: unknown }>('SELECT data FROM jobs ORDER BY seq DESC');
    return checked<JobResult[]>(
      rows.map((r) => r.data),
      checkJobs,
      'jobs',
    );
  }

  private async loadDirectory(client: pg.Pool | pg.PoolClient): Promise<DirectoryFile | null> {
    const { rows } = await client.query<{ data: unknown }>('SELECT data FROM directory WHERE id = 1');
    return rows[0] ? checked<DirectoryFile>(rows[0].data, checkDirectoryFile, 'directory') : null;
  }
}

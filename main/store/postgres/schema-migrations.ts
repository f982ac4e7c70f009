import type pg from 'pg';

/**
 * The database's schema, one step per version. Append only: a released step is never edited.
 * Every step runs in the transaction that records it, under an advisory lock, so two servers
 * starting on one empty database do not both create it.
 */
const STEPS: Record<number, string> = {
  1: `
    CREATE TABLE root_config (
      id integer PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL,
      data jsonb NOT NULL
    );
    CREATE TABLE snapshots (
      profile_id text PRIMARY KEY,
      version bigint NOT NULL,
      data text NOT NULL
    );
    CREATE TABLE candidate_files (
      profile_id text PRIMARY KEY,
      version bigint NOT NULL,
      data text NOT NULL
    );
    -- Large documents stored as they are: compressing them costs more on every read (a
    -- 100,000-candidate list, a 1,000,000-seat snapshot) than it saves in disk.
    ALTER TABLE snapshots ALTER COLUMN data SET STORAGE EXTERNAL;
    ALTER TABLE candidate_files ALTER COLUMN data SET STORAGE EXTERNAL;
    CREATE TABLE jobs (
      id text PRIMARY KEY,
      -- Order of first save: the list is newest first, as the data folder's jobs.json is.
      seq bigserial NOT NULL,
      profile_id text,
      data jsonb NOT NULL
    );
    CREATE INDEX jobs_seq ON jobs (seq DESC);
    CREATE TABLE directory (
      id integer PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL,
      data jsonb NOT NULL
    );
    CREATE TABLE audit_events (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      at timestamptz NOT NULL,
      event jsonb NOT NULL
    );
    -- The audit log is append-only for everyone, the table's owner included: grants can be
    -- widened by mistake, a trigger cannot be bypassed by the app's role.
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP;
    END $$;
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
  `,
  // Vendor credentials of a team server, each sealed (AES-256-GCM) with the key named.
  2: `
    CREATE TABLE secrets (
      account text PRIMARY KEY,
      key_id text NOT NULL,
      sealed bytea NOT NULL
    );
  `,
  // Who is signed in to the team's servers: any server answers any person. Only a hash of the
  // cookie's value is kept, so a dump signs no one in.
  3: `
    CREATE TABLE sessions (
      key text PRIMARY KEY,
      data jsonb NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_expiry ON sessions (expires_at);
  `,
};

export const DATABASE_SCHEMA_VERSION = Math.max(...Object.keys(STEPS).map(Number));
/** Any constant shared by every Seatwise server: the key of the migration lock. */
const MIGRATION_LOCK = 0x5ea7_0001;

export class DatabaseVersionError extends Error {
  override readonly name = 'DatabaseVersionError';
  constructor(found: number) {
    super(`The database's schema is version ${found}, newer than this Seatwise knows (${DATABASE_SCHEMA_VERSION}). Update Seatwise on this server.`);
  }
}

/** Brings the database to the newest schema; returns the versions it applied. */
export async function migrateDatabase(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > DATABASE_SCHEMA_VERSION) throw new DatabaseVersionError(current);
    for (let version = current + 1; version <= DATABASE_SCHEMA_VERSION; version++) {
      await client.query(STEPS[version]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * What the app's own database role may do, when the tables belong to another (the one that
 * migrates): read and write everything, but only read and append the audit log.
 */
export async function grantAppRole(pool: pg.Pool, role: string): Promise<void> {
  if (!IDENTIFIER.test(role)) throw new Error(`--app-role: "${role}" is not a plain role name (lower-case letters, digits, _).`);
  await pool.query(`
    GRANT SELECT, INSERT, UPDATE, DELETE ON root_config, snapshots, candidate_files, jobs, directory, secrets, sessions TO ${role};
    GRANT SELECT, INSERT ON audit_events TO ${role};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${role};
    GRANT USAGE ON SEQUENCE jobs_seq_seq, audit_events_seq_seq TO ${role};
    GRANT SELECT ON schema_migrations TO ${role};
  `);
}

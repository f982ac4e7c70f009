import path from 'node:path';
import { parse, requireFlag, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson, say } from '../output.js';

async function requireDatabase(flag: string | undefined, command: string): Promise<string> {
  const { databaseUrl } = await import('../../store/postgres/database-url.js');
  const url = databaseUrl(flag);
  if (!url) throw new UsageError('--database is required (or set SEATWISE_DATABASE_URL).', command);
  return url;
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: "Create or update a team server's PostgreSQL schema",
  usage: 'seatwise migrate --database URL [--app-role ROLE] [--json]',
  examples: ['seatwise migrate --database postgres://seatwise@db.internal/seatwise', 'seatwise migrate --database "$SEATWISE_DATABASE_URL" --app-role seatwise_app'],
  access: () => 'none',
  async run(_ctx, argv) {
    const p = parse('migrate', argv, { database: { type: 'string' }, 'app-role': { type: 'string' }, json: { type: 'boolean' } });
    const url = await requireDatabase(stringFlag(p, 'database'), 'migrate');
    const pg = (await import('pg')).default;
    const { migrateDatabase, grantAppRole, DATABASE_SCHEMA_VERSION } = await import('../../store/postgres/schema-migrations.js');
    const { databaseError, describeDatabase } = await import('../../store/postgres/database-url.js');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on('error', () => undefined);
    try {
      const applied = await migrateDatabase(pool);
      const role = stringFlag(p, 'app-role');
      if (role) await grantAppRole(pool, role);
      if (p.values.json) printJson({ database: describeDatabase(url), schemaVersion: DATABASE_SCHEMA_VERSION, applied, appRole: role ?? null });
      else
        say(
          `${applied.length ? `Applied schema version${applied.length > 1 ? 's' : ''} ${applied.join(', ')}` : 'Already up to date'}: ${describeDatabase(url)} is at schema version ${DATABASE_SCHEMA_VERSION}.\n` +
            (role ? `Role ${role} may read and write everything but only read and append the audit log.\n` : ''),
        );
      return EXIT.ok;
    } catch (error) {
      throw databaseError(error, url);
    } finally {
      await pool.end();
    }
  },
};

export const importCommand: Command = {
  name: 'import',
  summary: 'Copy a data folder into a team server database, losing nothing',
  usage: 'seatwise import --from-data-dir DIR --database URL [--json]',
  examples: ['seatwise import --from-data-dir ~/.config/Seatwise --database postgres://seatwise@db.internal/seatwise'],
  access: () => 'none',
  async run(_ctx, argv) {
    const p = parse('import', argv, { 'from-data-dir': { type: 'string' }, database: { type: 'string' }, json: { type: 'boolean' } });
    const from = path.resolve(requireFlag(p, 'from-data-dir', 'import'));
    const url = await requireDatabase(stringFlag(p, 'database'), 'import');
    const [{ Store }, { PostgresStore }, { copyStore }, { databaseError, describeDatabase }] = await Promise.all([
      import('../../store/store.js'),
      import('../../store/postgres/postgres-store.js'),
      import('../../store/postgres/transfer.js'),
      import('../../store/postgres/database-url.js'),
    ]);
    const fs = await import('node:fs');
    if (!fs.existsSync(path.join(from, 'seatwise.json'))) throw new UsageError(`--from-data-dir: ${from} is not a Seatwise data folder (it has no seatwise.json).`, 'import');
    // The lock: no app or sync changes the folder while it is copied.
    const source = await Store.open({ dataDir: from, lockHolder: 'seatwise import' });
    try {
      const target = await PostgresStore.open({ url, workDir: from }).catch((error: unknown) => {
        throw databaseError(error, url);
      });
      try {
        const counts = await copyStore(source, target);
        if (p.values.json) printJson({ database: describeDatabase(url), ...counts });
        else
          say(
            `Copied ${from} into ${describeDatabase(url)}: ${counts.profiles} profiles, ${counts.subscriptions.toLocaleString('en-US')} subscriptions, ` +
              `${counts.candidates.toLocaleString('en-US')} candidates, ${counts.jobs} jobs, ${counts.directorySources} directory sources, ${counts.auditEvents} audit events.\n` +
              'Credentials stay in this computer\'s keychain: connect each profile again on the server.\n',
          );
        return EXIT.ok;
      } finally {
        await target.close();
      }
    } finally {
      source.close();
    }
  },
};

export const secretsCommand: Command = {
  name: 'secrets',
  summary: "Re-seal a team server's credentials with its current key",
  usage: 'seatwise secrets rotate --database URL [--json]',
  examples: ['SEATWISE_SECRET_KEY_FILE=/etc/seatwise/keys seatwise secrets rotate --database postgres://seatwise@db.internal/seatwise'],
  access: () => 'none',
  async run(_ctx, argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'rotate') throw new UsageError(sub ? `Unknown subcommand "${sub}": the one subcommand is rotate.` : 'Give a subcommand: rotate.', 'secrets');
    const p = parse('secrets', rest, { database: { type: 'string' }, json: { type: 'boolean' } });
    const url = await requireDatabase(stringFlag(p, 'database'), 'secrets');
    const [{ KeyRing, SECRET_KEY_FILE_ENV, SECRET_KEYS_ENV }, { PostgresStore }, { databaseError }, os] = await Promise.all([
      import('../../vault/key-ring.js'),
      import('../../store/postgres/postgres-store.js'),
      import('../../store/postgres/database-url.js'),
      import('node:os'),
    ]);
    const keys = KeyRing.fromEnvironment();
    if (!keys) throw new UsageError(`No keys: set ${SECRET_KEY_FILE_ENV} to the server's key file (or ${SECRET_KEYS_ENV}), its last line the new key.`, 'secrets');
    const store = await PostgresStore.open({ url, workDir: os.tmpdir(), maxConnections: 2 }).catch((error: unknown) => {
      throw databaseError(error, url);
    });
    try {
      const result = await store.secrets(keys).rotate();
      if (p.values.json) printJson(result);
      else say(`Re-sealed ${result.resealed} credential${result.resealed === 1 ? '' : 's'} with key ${result.keyId} (${result.alreadyCurrent} already were). Keys above it in the key file can now be removed.\n`);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};

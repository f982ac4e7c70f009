import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A private PostgreSQL cluster for one test file: initdb in a temp folder, listening on a Unix
 * socket only, removed by stop(). Uses Debian's server binaries (the `postgresql` package).
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` account.
 */
export interface TestCluster {
  /** A connection URL for a fresh database of its own. */
  createDatabase(name: string): Promise<string>;
  socketDir: string;
  stop(): void;
}

function binDir(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(fs.realpathSync(onPath));
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin')).find((dir) => fs.existsSync(path.join(dir, 'initdb')));
  return found;
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  const bin = binDir();
  if (!bin) return 'no PostgreSQL server binaries (install Debian\'s "postgresql" package; scripts/install.sh does)';
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) return 'running as root and there is no "postgres" account to own the test cluster';
  return undefined;
}

export function startCluster(): TestCluster {
  const bin = binDir();
  if (!bin) throw new Error(postgresUnavailable());
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    execFileSync(asRoot ? 'runuser' : path.join(bin, tool), argv, { stdio: 'pipe' });
  };
  if (asRoot) execFileSync('chown', ['postgres', root]);
  const data = path.join(root, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'seatwise', '-E', 'UTF8', '--no-sync']);
  // No TCP at all: the socket in the temp folder is the only way in, so tests never collide.
  run('pg_ctl', ['-D', data, '-l', path.join(root, 'server.log'), '-w', '-o', `-k ${root} -c listen_addresses= -c fsync=off -c max_connections=60`, 'start']);
  const url = (db: string) => `postgres://seatwise@/${db}?host=${encodeURIComponent(root)}`;
  return {
    socketDir: root,
    async createDatabase(name) {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

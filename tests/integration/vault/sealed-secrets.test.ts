/**
 * A team server's credentials in its database: sealed with AES-256-GCM under a key from the
 * server's key file, never readable in a dump, re-sealed by `seatwise secrets rotate`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateResultSchema } from '../../../main/cli/json-shapes.js';
import { PostgresStore } from '../../../main/store/postgres/postgres-store.js';
import { KeyRing } from '../../../main/vault/key-ring.js';
import { runCli } from '../../helpers/cli.js';
import { postgresUnavailable, startCluster, type TestCluster } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/temp-dir.js';

const NO_POSTGRES = postgresUnavailable();
if (NO_POSTGRES) console.log(`sealed-secrets: PostgreSQL part skipped: ${NO_POSTGRES}`);

const key = () => randomBytes(32).toString('base64');
const TOKEN = 'sf-refresh-token-5c2b1e9a7d';

describe('the key ring', () => {
  it('seals per account: a sealed value copied to another account does not open', () => {
    const ring = KeyRing.parse(`k1 ${key()}\n`, 'keys');
    const { keyId, sealed } = ring.seal('alias-1:refresh_token', TOKEN);
    expect(keyId).toBe('k1');
    expect(sealed.includes(Buffer.from(TOKEN))).toBe(false);
    expect(ring.open('alias-1:refresh_token', keyId, sealed)).toBe(TOKEN);
    expect(() => ring.open('alias-2:refresh_token', keyId, sealed)).toThrow(/does not open with key k1/);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => ring.open('alias-1:refresh_token', keyId, tampered)).toThrow(/does not open/);
  });

  it('names the bad line of a key file and never shows a key', () => {
    const short = Buffer.from('too short').toString('base64');
    const error = (() => {
      try {
        KeyRing.parse(`# keys\nk1 ${key()}\nk2 ${short}\n`, '/etc/seatwise/keys');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe('/etc/seatwise/keys line 3: key k2 is 9 bytes; AES-256-GCM needs 32 (openssl rand -base64 32).');
    expect(() => KeyRing.parse('# nothing\n', 'keys')).toThrow(/holds no key/);
    expect(() => KeyRing.parse(`k1 ${key()}\nk1 ${key()}`, 'keys')).toThrow(/line 2: key id k1 is given twice/);
  });

  it('refuses a key file other users can read', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'keys');
      fs.writeFileSync(file, `k1 ${key()}\n`, { mode: 0o644 });
      fs.chmodSync(file, 0o644);
      expect(() => KeyRing.fromEnvironment({ SEATWISE_SECRET_KEY_FILE: file })).toThrow(/readable by other users/);
      fs.chmodSync(file, 0o600);
      expect(KeyRing.fromEnvironment({ SEATWISE_SECRET_KEY_FILE: file })?.currentId).toBe('k1');
    } finally {
      cleanup();
    }
  });
});

describe.skipIf(NO_POSTGRES !== undefined)('credentials in a team server database', () => {
  let cluster: TestCluster;
  beforeAll(() => {
    cluster = startCluster();
  });
  afterAll(() => cluster?.stop());

  it('keeps no credential readable in a database dump, and rotate re-seals them all', async () => {
    const url = await cluster.createDatabase('sealed');
    const work = tempDir();
    try {
      const k1 = key();
      const store = await PostgresStore.open({ url, workDir: work.dir });
      const secrets = store.secrets(KeyRing.parse(`k1 ${k1}`, 'keys'));
      await secrets.set('alias-1:refresh_token', TOKEN);
      await secrets.set('alias-2:client_secret', 'zoom-client-secret-77af');
      expect(await secrets.get('alias-1:refresh_token')).toBe(TOKEN);
      expect(await secrets.list()).toEqual(['alias-1:refresh_token', 'alias-2:client_secret']);

      const bin = path.dirname(fs.realpathSync(execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim()));
      const dump = execFileSync(path.join(bin, 'pg_dump'), ['-h', cluster.socketDir, '-U', 'seatwise', 'sealed'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      expect(dump).toContain('alias-1:refresh_token');
      expect(dump).not.toContain(TOKEN);
      expect(dump).not.toContain('zoom-client-secret-77af');
      expect(dump).not.toContain(Buffer.from(TOKEN).toString('hex'));
      expect(dump).not.toContain(Buffer.from(TOKEN).toString('base64'));

      // A new key: old secrets still open (k1 is still in the file) until rotate re-seals them.
      const keyFile = path.join(work.dir, 'keys');
      const k2 = key();
      fs.writeFileSync(keyFile, `k1 ${k1}\nk2 ${k2}\n`, { mode: 0o600 });
      const rotated = await runCli(['secrets', 'rotate', '--database', url, '--json'], { dataDir: work.dir, env: { SEATWISE_SECRET_KEY_FILE: keyFile } });
      expect(rotated.stderr).toBe('');
      expect(rotateResultSchema.parse(JSON.parse(rotated.stdout))).toEqual({ keyId: 'k2', resealed: 2, alreadyCurrent: 0 });
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      expect((await db.query('SELECT DISTINCT key_id FROM secrets')).rows).toEqual([{ key_id: 'k2' }]);
      await db.end();

      // k1 can leave the file now; a server that lost k2 says which key it needs.
      const onlyK2 = store.secrets(KeyRing.parse(`k2 ${k2}`, 'keys'));
      expect(await onlyK2.get('alias-2:client_secret')).toBe('zoom-client-secret-77af');
      const onlyK1 = store.secrets(KeyRing.parse(`k1 ${k1}`, 'keys'));
      await expect(onlyK1.get('alias-1:refresh_token')).rejects.toThrow(/sealed with key k2, which this server's key file no longer has/);
      expect(await onlyK2.delete('alias-1:refresh_token')).toBe(true);
      expect(await onlyK2.get('alias-1:refresh_token')).toBeNull();
      await store.close();
    } finally {
      work.cleanup();
    }
  });
});

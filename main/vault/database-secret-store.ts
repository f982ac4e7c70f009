import type pg from 'pg';
import type { KeyRing } from './key-ring.js';
import { rememberSecret } from './redact.js';
import type { SecretStore } from './secret-store.js';

/**
 * A team server's credentials: in its database, each sealed with AES-256-GCM under the key
 * ring's current key (key-ring.ts). The database never holds one in the clear, so a dump or a
 * backup gives no credential without the server's key file.
 */
export class DatabaseSecretStore implements SecretStore {
  readonly where = 'the team database, sealed with the server keys';

  constructor(
    private readonly pool: pg.Pool,
    private readonly keys: KeyRing,
  ) {}

  async get(account: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ key_id: string; sealed: Buffer }>('SELECT key_id, sealed FROM secrets WHERE account = $1', [account]);
    if (!rows[0]) return null;
    const secret = this.keys.open(account, rows[0].key_id, rows[0].sealed);
    rememberSecret(secret);
    return secret;
  }

  async set(account: string, secret: string): Promise<void> {
    rememberSecret(secret);
    const { keyId, sealed } = this.keys.seal(account, secret);
    await this.pool.query('INSERT INTO secrets (account, key_id, sealed) VALUES ($1, $2, $3) ON CONFLICT (account) DO UPDATE SET key_id = $2, sealed = $3', [account, keyId, sealed]);
  }

  async delete(account: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM secrets WHERE account = $1', [account]);
    return (rowCount ?? 0) > 0;
  }

  async list(): Promise<string[]> {
    const { rows } = await this.pool.query<{ account: string }>('SELECT account FROM secrets ORDER BY account');
    return rows.map((r) => r.account);
  }

  /**
   * Re-seals every credential under the current key, in one transaction: afterwards the older
   * keys can leave the key file. A credential whose key is missing stops it with nothing changed.
   */
  async rotate(): Promise<{ keyId: string; resealed: number; alreadyCurrent: number }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ account: string; key_id: string; sealed: Buffer }>('SELECT account, key_id, sealed FROM secrets FOR UPDATE');
      let resealed = 0;
      for (const row of rows) {
        if (row.key_id === this.keys.currentId) continue;
        const { keyId, sealed } = this.keys.seal(row.account, this.keys.open(row.account, row.key_id, row.sealed));
        await client.query('UPDATE secrets SET key_id = $2, sealed = $3 WHERE account = $1', [row.account, keyId, sealed]);
        resealed += 1;
      }
      await client.query('COMMIT');
      return { keyId: this.keys.currentId, resealed, alreadyCurrent: rows.length - resealed };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

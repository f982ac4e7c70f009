import type pg from 'pg';
import type { Session, SessionStore } from '../../host/team/sessions.js';

/** Sessions shared by every server on the database; expired rows are removed as they are met. */
export class SessionTable implements SessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async put(key: string, session: Session): Promise<void> {
    await this.pool.query('INSERT INTO sessions (key, data, expires_at) VALUES ($1, $2, to_timestamp($3 / 1000.0)) ON CONFLICT (key) DO UPDATE SET data = $2, expires_at = to_timestamp($3 / 1000.0)', [
      key,
      JSON.stringify(session),
      session.expiresAt,
    ]);
  }

  async get(key: string, now: number): Promise<Session | undefined> {
    const { rows } = await this.pool.query<{ data: Session }>('SELECT data FROM sessions WHERE key = $1', [key]);
    const session = rows[0]?.data;
    if (!session) return undefined;
    if (typeof session.expiresAt !== 'number' || session.expiresAt <= now) {
      await this.pool.query('DELETE FROM sessions WHERE key = $1 OR expires_at < to_timestamp($2 / 1000.0)', [key, now]);
      return undefined;
    }
    return session;
  }

  async delete(key: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE key = $1', [key]);
  }
}

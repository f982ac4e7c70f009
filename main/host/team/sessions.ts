import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../preload/contract.js';
import type { PendingSignIn } from './oidc.js';

/** A signed-in person, or a sign-in on its way through the provider (kept ten minutes). */
export type Session =
  | { kind: 'signed_in'; subject: string; person: string; roles: Role[]; expiresAt: number }
  | { kind: 'pending'; pending: PendingSignIn; expiresAt: number };

/**
 * Where a team server keeps who is signed in. Only a hash of the cookie's value is stored, so
 * whoever reads the store (a database dump) cannot sign in as anyone. Servers sharing a
 * database share their sessions through it (postgres/session-table.ts); one server alone may
 * keep them in memory.
 */
export interface SessionStore {
  put(key: string, session: Session): Promise<void>;
  get(key: string, now: number): Promise<Session | undefined>;
  delete(key: string): Promise<void>;
}

export const newSessionValue = (): string => randomBytes(32).toString('base64url');
export const sessionKey = (value: string): string => createHash('sha256').update(value).digest('base64url');

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();

  async put(key: string, session: Session): Promise<void> {
    this.sessions.set(key, session);
  }

  async get(key: string, now: number): Promise<Session | undefined> {
    const session = this.sessions.get(key);
    if (session && session.expiresAt <= now) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }

  async delete(key: string): Promise<void> {
    this.sessions.delete(key);
  }
}

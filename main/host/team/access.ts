/**
 * The door of a team server: who is signed in (a session cookie: HttpOnly, SameSite=Lax,
 * Secure and `__Host-` prefixed when served over https), and the three routes of signing in
 * and out. Everything else of the host is the same as on a single-user install.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../../../preload/contract.js';
import type { Caller } from '../../rpc/dispatch.js';
import { readCookie } from '../guards.js';
import { sendError, sendText, simplePage } from '../responses.js';
import { SignInError, type OidcSignIn } from './oidc.js';
import { newSessionValue, sessionKey, type SessionStore } from './sessions.js';

export interface TeamAccessOptions {
  signIn: OidcSignIn;
  /** Where people reach the server (behind its TLS proxy): its origin is the only one accepted. */
  publicUrl: URL;
  sessions: SessionStore;
  /** How long a sign-in lasts; default 12 hours. */
  sessionHours?: number;
  /**
   * The roles a person holds at this call, from those their ID token gave at sign-in: adds the
   * roles given in Settings (main/settings/roles.ts). Absent: the token's alone.
   */
  rolesFor?: (person: string, fromToken: readonly Role[]) => Role[];
  now?: () => number;
}

const PENDING_MS = 10 * 60_000;

export class TeamAccess {
  readonly secure: boolean;
  readonly cookieName: string;
  private readonly signInCookie: string;
  private readonly now: () => number;

  constructor(private readonly options: TeamAccessOptions) {
    this.secure = options.publicUrl.protocol === 'https:';
    // __Host-: only this origin, path /, Secure; a plain-http test or lab server cannot use it.
    this.cookieName = this.secure ? '__Host-seatwise_session' : 'seatwise_session';
    this.signInCookie = this.secure ? '__Host-seatwise_signin' : 'seatwise_signin';
    this.now = options.now ?? Date.now;
  }

  get origin(): string {
    return this.options.publicUrl.origin;
  }

  async caller(req: IncomingMessage): Promise<Caller | undefined> {
    const value = readCookie(req.headers.cookie, this.cookieName);
    if (!value || value.length > 200) return undefined;
    const session = await this.options.sessions.get(sessionKey(value), this.now());
    if (session?.kind !== 'signed_in') return undefined;
    return { person: session.person, roles: this.options.rolesFor?.(session.person, session.roles) ?? session.roles };
  }

  /** Handles /auth/*; false for every other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/auth/login' && req.method === 'GET') {
      const { url: to, pending } = await this.options.signIn.begin();
      const value = newSessionValue();
      await this.options.sessions.put(sessionKey(value), { kind: 'pending', pending, expiresAt: this.now() + PENDING_MS });
      // Lax, not Strict: the provider's redirect back is a top-level navigation from its site.
      res.writeHead(302, { Location: to, 'Set-Cookie': this.cookie(this.signInCookie, value, PENDING_MS / 1000), 'Cache-Control': 'no-store' });
      res.end();
      return true;
    }
    if (url.pathname === '/auth/callback' && req.method === 'GET') {
      await this.callback(req, res, url);
      return true;
    }
    if (url.pathname === '/auth/logout' && req.method === 'POST') {
      const value = readCookie(req.headers.cookie, this.cookieName);
      if (value) await this.options.sessions.delete(sessionKey(value));
      res.writeHead(204, { 'Set-Cookie': this.cookie(this.cookieName, '', 0), 'Cache-Control': 'no-store' });
      res.end();
      return true;
    }
    if (url.pathname.startsWith('/auth/')) {
      sendError(res, 404, 'not_found', 'Unknown sign-in route.');
      return true;
    }
    return false;
  }

  /** Where a person who is not signed in goes: the page to the provider, the API a 401. */
  refuse(res: ServerResponse, isApi: boolean): void {
    if (isApi) sendError(res, 401, 'unauthorized', 'Sign in first: open this server in a browser.');
    else {
      res.writeHead(302, { Location: '/auth/login', 'Cache-Control': 'no-store' });
      res.end();
    }
  }

  private async callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const pendingValue = readCookie(req.headers.cookie, this.signInCookie);
    const record = pendingValue && pendingValue.length <= 200 ? await this.options.sessions.get(sessionKey(pendingValue), this.now()) : undefined;
    // One use: a replayed callback finds nothing.
    if (pendingValue) await this.options.sessions.delete(sessionKey(pendingValue));
    if (record?.kind !== 'pending') {
      this.failed(res, 'This sign-in was not started here or took too long. Start again.');
      return;
    }
    const callbackUrl = new URL(url.pathname + url.search, this.origin);
    try {
      const person = await this.options.signIn.finish(callbackUrl, record.pending);
      const value = newSessionValue();
      const ttlMs = (this.options.sessionHours ?? 12) * 3_600_000;
      await this.options.sessions.put(sessionKey(value), { kind: 'signed_in', subject: person.subject, person: person.person, roles: person.roles, expiresAt: this.now() + ttlMs });
      res.writeHead(303, {
        Location: '/',
        'Set-Cookie': [this.cookie(this.cookieName, value, ttlMs / 1000), this.cookie(this.signInCookie, '', 0)],
        'Cache-Control': 'no-store',
      });
      res.end();
    } catch (error) {
      this.failed(res, error instanceof SignInError ? error.message : 'Sign-in failed.');
    }
  }

  private failed(res: ServerResponse, message: string): void {
    sendText(res, 400, simplePage('Seatwise: sign-in failed', [message, 'Open this server again to start a new sign-in.']), 'text/html; charset=utf-8');
  }

  private cookie(name: string, value: string, maxAgeSeconds: number): string {
    return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeSeconds)}${this.secure ? '; Secure' : ''}`;
  }
}

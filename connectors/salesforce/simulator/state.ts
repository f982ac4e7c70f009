/**
 * The Salesforce simulator's live state: the org, the sessions it has issued, the OAuth
 * client (the External Client App), its knobs, and the day's API usage. Routes
 * (api.ts, oauth.ts) share one.
 */
import { randomBytes } from 'node:crypto';
import { json, type SimResponse, type SimulatorKnobs } from '../../simulator-kit/index.js';
import type { SalesforceOrg, SalesforceSeedUser } from './seed.js';

export interface SalesforceKnobs extends SimulatorKnobs {
  /** The org's daily API allowance; calls beyond it answer 403 REQUEST_LIMIT_EXCEEDED. */
  dailyApiLimit: number;
  /** Session timeout: an access token unused this long answers 401 INVALID_SESSION_ID. 0: never. */
  sessionTimeoutMs: number;
  /**
   * Every session ends after answering this many calls (REST and identity), as if it had timed
   * out: a token that dies half way through a run, without a test waiting for a clock. 0: never.
   */
  sessionMaxCalls: number;
  /** Users whose PATCH answers 403 INSUFFICIENT_ACCESS_OR_READONLY (say, above the admin in the role hierarchy). */
  patchForbiddenFor: string[];
  /**
   * Users that automation or a default setting points at (user id -> what): Salesforce refuses
   * to deactivate them with 400 FIELD_INTEGRITY_EXCEPTION and the reason, until an admin
   * reassigns it. Freezing them still works.
   */
  deactivationBlockedBy: Record<string, SalesforceDeactivationBlocker>;
  /**
   * Users with a permission set their current license allows and a cheaper one does not (user id
   * -> the permission set and the permission): moving them to a profile of another license
   * answers 400 FIELD_INTEGRITY_EXCEPTION naming both, until the permission set is removed.
   */
  licenseChangeBlockedBy: Record<string, { permissionSet: string; permission: string }>;
  /** The app's "Enable Client Credentials Flow" with a Run As user. */
  clientCredentialsEnabled: boolean;
}

/**
 * What keeps Salesforce from deactivating a user, with the message Salesforce answers for it
 * (as Salesforce Help quotes them: articles 000384586, 000384761 and 000386275).
 */
export const SALESFORCE_DEACTIVATION_BLOCKERS = {
  default_workflow_user: 'You cannot deactivate the Default Workflow User',
  default_case_owner: 'You cannot deactivate this user. You cannot deactivate a user who is the default owner of cases',
  web_to_lead_creator: 'You cannot disable the Web to Lead Default Creator.',
  hierarchy_field: 'Cannot inactivate user that is the value of a hierarchy field: Manager',
} as const;
export type SalesforceDeactivationBlocker = keyof typeof SALESFORCE_DEACTIVATION_BLOCKERS;

export interface SalesforceOAuthClient {
  clientId: string;
  clientSecret: string;
  /** Registered callback URLs; empty accepts any loopback http URL (the desktop app's ephemeral port). */
  redirectUris: string[];
  /** The app's selected OAuth scopes. */
  scopes: string[];
}

interface Session {
  userId: string;
  scope: string;
  lastUsed: number;
  refreshToken?: string;
  /** Calls answered so far (for the sessionMaxCalls knob). */
  calls: number;
}

/** Access tokens (sessions) and refresh tokens. Salesforce does not rotate refresh tokens. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, { userId: string; scope: string }>();

  constructor(private readonly orgId: string) {}

  /** Salesforce session ids start with the 15-character org id and a "!". */
  private mint(): string {
    return `${this.orgId.slice(0, 15)}!${randomBytes(36).toString('base64url')}`;
  }

  issue(userId: string, scope: string, now: number, withRefresh: boolean): { accessToken: string; refreshToken?: string } {
    const accessToken = this.mint();
    const refreshToken = withRefresh ? `5Aep${randomBytes(40).toString('base64url')}` : undefined;
    if (refreshToken) this.refreshTokens.set(refreshToken, { userId, scope });
    this.sessions.set(accessToken, { userId, scope, lastUsed: now, refreshToken, calls: 0 });
    return { accessToken, refreshToken };
  }

  /** A session handed out with the simulator (for tests and the demo, which skip OAuth). */
  add(accessToken: string, userId: string, scope: string, now: number): void {
    this.sessions.set(accessToken, { userId, scope, lastUsed: now, calls: 0 });
  }

  /**
   * The session's user, or undefined when unknown, revoked, timed out or past `maxCalls`
   * calls. Counts as one use of the session: call it once per request.
   */
  check(accessToken: string | undefined, now: number, timeoutMs: number, maxCalls = 0): string | undefined {
    const s = accessToken ? this.sessions.get(accessToken) : undefined;
    if (!s || !accessToken) return undefined;
    if ((timeoutMs > 0 && now - s.lastUsed > timeoutMs) || (maxCalls > 0 && s.calls >= maxCalls)) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    s.lastUsed = now;
    s.calls += 1;
    return s.userId;
  }

  /** The session's user, without using the session: for routes, after the guard has checked it. */
  userOf(accessToken: string | undefined): string | undefined {
    return accessToken ? this.sessions.get(accessToken)?.userId : undefined;
  }

  refresh(refreshToken: string, now: number): { accessToken: string; userId: string; scope: string } | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) return undefined;
    const accessToken = this.mint();
    this.sessions.set(accessToken, { userId: grant.userId, scope: grant.scope, lastUsed: now, refreshToken, calls: 0 });
    return { accessToken, ...grant };
  }

  /** Revoking a refresh token ends its sessions too. Answers whether the token was known. */
  revoke(token: string): boolean {
    if (this.refreshTokens.delete(token)) {
      for (const [key, s] of this.sessions) if (s.refreshToken === token) this.sessions.delete(key);
      return true;
    }
    return this.sessions.delete(token);
  }

  /** Every session times out at once (refresh tokens stay valid). */
  expireAll(): void {
    this.sessions.clear();
  }
}

export interface SalesforceSimState {
  org: SalesforceOrg;
  knobs: SalesforceKnobs;
  clock: () => number;
  origin: () => string;
  sessions: SessionStore;
  client: SalesforceOAuthClient;
  /** API calls counted against the daily allowance. */
  apiUsage: number;
  user(id: string): SalesforceSeedUser | undefined;
  /** Who signs in at /services/oauth2/authorize and who the client credentials flow runs as. */
  signedInUserId: string;
  /**
   * The instance_url the token endpoint answers (default: this server's origin). A test sets
   * another name of this same server (http://localhost:port) to see that API calls follow it.
   */
  instanceOrigin?: string;
  /** Host header of every request that reached the org (API and identity), with its count. */
  hosts: Map<string, number>;
}

/** Thrown by routes for a Salesforce REST error: [{"message","errorCode","fields"}]. */
export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export function restError(status: number, errorCode: string, message: string, headers?: Record<string, string>): SimResponse {
  return json(status, [{ message, errorCode, fields: [] }], headers);
}

export function limitInfo(state: SalesforceSimState): Record<string, string> {
  return { 'sforce-limit-info': `api-usage=${state.apiUsage}/${state.knobs.dailyApiLimit}` };
}

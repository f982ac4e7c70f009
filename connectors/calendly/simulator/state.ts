/**
 * The Calendly simulator's live state: the organization, invitations, the tokens it has
 * issued, its knobs and what it observed. Routes (api.ts, oauth.ts) share one.
 */
import { randomBytes } from 'node:crypto';
import type { SimulatorKnobs } from '../../simulator-kit/index.js';
import type { CalendlyMember, CalendlyOrg, CalendlyScheduledEvent, UuidSource } from './seed.js';

/** Calendly plans as far as the simulator cares: only Enterprise has the activity log. */
export type CalendlyPlan = 'free' | 'standard' | 'teams' | 'enterprise';

export interface CalendlyKnobs extends SimulatorKnobs {
  plan: CalendlyPlan;
  /** Lifetime of OAuth access tokens (Calendly: 2 h). Personal access tokens never expire. */
  accessTokenTtlMs: number;
  /**
   * Time each API request spends "in the database" while counted in flight (observed.inFlight).
   * The kit's latencyMs (the answer held until then after routing) is not counted.
   */
  serviceTimeMs: number;
  /** What the simulated person answers on the consent page. */
  oauthConsent: 'approve' | 'deny';
}

export interface CalendlyInvitation {
  uuid: string;
  uri: string;
  email: string;
  status: 'pending' | 'accepted' | 'declined';
  createdAt: string;
}

/** What the simulator saw, beyond the kit's stats: for tests and benchmarks. */
export interface CalendlyObservations {
  /** API requests being served right now, and the most at once since the last reset. */
  inFlight: number;
  maxInFlight: number;
  /** The largest `count` any list request asked for (400s included). */
  maxCount: number;
  /** Successful answers per path and user URI, e.g. scheduled events asked per member. */
  eventsServedByUser: Map<string, number>;
  reset(): void;
}

export function newObservations(): CalendlyObservations {
  const o: CalendlyObservations = {
    inFlight: 0,
    maxInFlight: 0,
    maxCount: 0,
    eventsServedByUser: new Map(),
    reset() {
      o.maxInFlight = o.inFlight;
      o.maxCount = 0;
      o.eventsServedByUser.clear();
    },
  };
  return o;
}

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs registered; empty accepts any http loopback URI (RFC 8252, any port). */
  redirectUris: string[];
}

interface Grant {
  memberUri: string;
  clientId?: string;
  scope: string;
  revoked: boolean;
}

interface AccessToken {
  grant: Grant;
  /** Undefined for personal access tokens. */
  expiresAt?: number;
}

export type TokenCheck = { ok: true; memberUri: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Personal access tokens, and OAuth grants with their access and single-use refresh tokens. */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, { grant: Grant; used: boolean }>();

  addPersonalToken(token: string, memberUri: string): void {
    this.access.set(token, { grant: { memberUri, scope: 'default', revoked: false } });
  }

  check(token: string | undefined, now: number): TokenCheck {
    const found = token === undefined ? undefined : this.access.get(token);
    if (!found || found.grant.revoked) return { ok: false, reason: 'invalid' };
    if (found.expiresAt !== undefined && now >= found.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, memberUri: found.grant.memberUri };
  }

  /** A new grant (authorization code exchange) with its first token pair. */
  issue(memberUri: string, clientId: string, scope: string, now: number, ttlMs: number): { accessToken: string; refreshToken: string } {
    return this.pair({ memberUri, clientId, scope, revoked: false }, now, ttlMs);
  }

  /**
   * Rotates a refresh token: it works once. Reusing it (or one of a revoked grant, or of
   * another client) is `undefined`, which the token endpoint answers with invalid_grant.
   */
  rotate(refreshToken: string, clientId: string, now: number, ttlMs: number): { accessToken: string; refreshToken: string; grant: Grant } | undefined {
    const found = this.refresh.get(refreshToken);
    if (!found || found.used || found.grant.revoked || found.grant.clientId !== clientId) return undefined;
    found.used = true;
    return { ...this.pair(found.grant, now, ttlMs), grant: found.grant };
  }

  /** Ends the grant a token belongs to (RFC 7009: unknown tokens are not an error). */
  revoke(token: string, clientId: string): void {
    const grant = this.access.get(token)?.grant ?? this.refresh.get(token)?.grant;
    if (grant && grant.clientId === clientId) grant.revoked = true;
  }

  grantOf(accessToken: string): Grant | undefined {
    return this.access.get(accessToken)?.grant;
  }

  private pair(grant: Grant, now: number, ttlMs: number): { accessToken: string; refreshToken: string } {
    const accessToken = randomBytes(24).toString('base64url');
    const refreshToken = randomBytes(24).toString('base64url');
    this.access.set(accessToken, { grant, expiresAt: now + ttlMs });
    this.refresh.set(refreshToken, { grant, used: false });
    return { accessToken, refreshToken };
  }
}

/**
 * The organization's paid seats, as its Billing page shows them. Calendly bills seats bought,
 * not members: removing a member leaves the seat paid and open ("Removing a user does not
 * remove a paid seat", Calendly Help); only the admin lowering the seat count removes it.
 */
export interface CalendlySeats {
  purchased: number;
}

/** Seats taken: members, and pending invitations, which Calendly counts against the seats bought. */
export function occupiedSeats(state: Pick<CalendlySimState, 'org' | 'invitations'>): number {
  return state.org.members.length + state.invitations.filter((i) => i.status === 'pending').length;
}

export interface CalendlySimState {
  org: CalendlyOrg;
  seats: CalendlySeats;
  knobs: CalendlyKnobs;
  clock: () => number;
  tokens: TokenStore;
  oauthClient: OAuthClientConfig;
  /** Who signs in at /oauth/authorize. */
  signedIn: CalendlyMember;
  invitations: CalendlyInvitation[];
  /** Members removed through the API, so an accepted re-invitation brings back the same user. */
  removed: CalendlyMember[];
  ids: UuidSource;
  observed: CalendlyObservations;
  /** Bumped on every membership change, so cached listings are rebuilt. */
  version: number;
  /** Each member's events by user URI, built once: large organizations have a million events. */
  eventsByUser: Map<string, CalendlyScheduledEvent[]>;
  /** The last filtered listing per endpoint: paging through one listing filters it once. */
  listings: Map<string, { key: string; items: readonly unknown[] }>;
}

/** The filtered list for `key` (the query without page_token and count), rebuilt when it changes. */
export function cachedListing<T>(state: CalendlySimState, endpoint: string, key: string, build: () => T[]): readonly T[] {
  const full = `${state.version}|${key}`;
  const hit = state.listings.get(endpoint);
  if (hit && hit.key === full) return hit.items as readonly T[];
  const items = build();
  state.listings.set(endpoint, { key: full, items });
  return items;
}

export function indexEvents(events: readonly CalendlyScheduledEvent[]): Map<string, CalendlyScheduledEvent[]> {
  const byUser = new Map<string, CalendlyScheduledEvent[]>();
  for (const e of events) {
    const list = byUser.get(e.userUri);
    if (list) list.push(e);
    else byUser.set(e.userUri, [e]);
  }
  return byUser;
}

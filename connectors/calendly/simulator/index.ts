/**
 * The Calendly simulator: a real HTTP server on 127.0.0.1 following Calendly API v2 for what
 * the connector uses (users/me, organization memberships, activity log, scheduled events,
 * removing members, invitations) plus its OAuth endpoints, seeded with an organization of
 * any size. Rate limit: 500 requests per minute (50 on the free plan) with X-RateLimit-*
 * headers on every answer; the kit meters the whole simulator, which is per token as long as
 * one token is used (the usual case in tests and the demo).
 */
import { json, Router, startSimulator, type SimRequest, type SimResponse, type SimulatorHandle, bearerToken, Rng } from '../../simulator-kit/index.js';
import { CALENDLY_URI_ORIGIN, seedCalendlyOrg, UuidSource, type CalendlyMember, type CalendlyOrg, type CalendlyRole } from './seed.js';
import { addApiRoutes } from './api.js';
import { addOAuthRoutes } from './oauth.js';
import {
  indexEvents,
  newObservations,
  occupiedSeats,
  TokenStore,
  type CalendlyInvitation,
  type CalendlyKnobs,
  type CalendlyObservations,
  type CalendlyPlan,
  type CalendlySimState,
} from './state.js';

export type { CalendlyKnobs, CalendlyPlan, CalendlyInvitation, CalendlyObservations } from './state.js';

const TWO_HOURS_MS = 2 * 60 * 60_000;

export interface CalendlySimulatorOptions {
  /** Seeds the organization (and the fault draws). Default 1. */
  seed?: number;
  /** Members, owner included. Default 40. */
  size?: number;
  /** The instant the organization is generated around; default the start of today (UTC). */
  now?: Date;
  domain?: string;
  port?: number;
  host?: string;
  /** Initial plan (a live knob). Default 'enterprise'. */
  plan?: CalendlyPlan;
  /** Who the personal access token and OAuth sign-ins act as: the first member with that role. Default 'admin'. */
  connectAs?: CalendlyRole;
  /** The personal access token's value; default derived from the seed. */
  token?: string;
  oauth?: { clientId?: string; clientSecret?: string; redirectUris?: string[] };
  /** Pass `rateLimit: undefined` to switch the rate limit off. */
  knobs?: Partial<CalendlyKnobs>;
  /** Milliseconds clock for the rate limit window and token expiry (a FakeClock's `now` in tests). */
  clock?: () => number;
  /** Paid seats bought; default one per seeded member (a full organization, no open seat). */
  seats?: number;
}

export interface CalendlySimulator extends SimulatorHandle<CalendlyKnobs> {
  /** Live: members removed through the API disappear, accepted invitations come back. */
  org: CalendlyOrg;
  /** Personal access token of `connected`. */
  token: string;
  connected: CalendlyMember;
  /** A personal access token acting as another member (e.g. a plain user). */
  tokenFor(member: CalendlyMember): string;
  /** Changes who signs in at /oauth/authorize. */
  signInAs(member: CalendlyMember): void;
  oauth: { clientId: string; clientSecret: string; authorizeUrl: string; tokenUrl: string; revokeUrl: string };
  invitations: CalendlyInvitation[];
  /** The invited person accepts: a membership again (the same user if they were a member before). */
  acceptInvitation(email: string): CalendlyMember | undefined;
  observed: CalendlyObservations;
  /**
   * The organization's paid seats: `purchased` is what is billed, `occupied` the members and
   * pending invitations. Removing a member through the API lowers `occupied` only.
   */
  seats(): { purchased: number; occupied: number; open: number };
  /**
   * What the admin does on Calendly's Billing page (Make changes to your plan): sets the seats
   * bought. Seats in use cannot be removed, so fewer than `occupied` is refused.
   */
  setPurchasedSeats(count: number): void;
}

const TITLES: Record<number, string> = {
  400: 'Invalid Argument',
  401: 'Unauthenticated',
  403: 'Permission Denied',
  404: 'Resource Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** Calendly's error body. 404 and 500 carry Calendly's fixed wording whatever the cause. */
function errorBody(status: number, message: string): unknown {
  if (status === 404) return { title: TITLES[404], message: 'The server could not find the requested resource.' };
  if (status >= 500) return { title: TITLES[500], message: 'The server encountered an unexpected condition that prevented it from fulfilling the request.' };
  return { title: TITLES[status] ?? 'Error', message };
}

export async function startCalendlySimulator(options: CalendlySimulatorOptions = {}): Promise<CalendlySimulator> {
  const seed = options.seed ?? 1;
  const org = seedCalendlyOrg({ seed, size: options.size ?? 40, now: options.now, domain: options.domain });
  const plan = options.knobs?.plan ?? options.plan ?? 'enterprise';
  const clock = options.clock ?? Date.now;
  const connected = org.members.find((m) => m.role === (options.connectAs ?? 'admin')) ?? (org.members[0] as CalendlyMember);
  const knobDefaults: Partial<CalendlyKnobs> = {
    plan,
    accessTokenTtlMs: TWO_HOURS_MS,
    serviceTimeMs: 0,
    oauthConsent: 'approve',
    rateLimit: { limit: plan === 'free' ? 50 : 500, windowMs: 60_000, headers: 'x-ratelimit' },
  };
  const knobs = { ...knobDefaults, ...options.knobs };

  const tokens = new TokenStore();
  const tokenFor = (member: CalendlyMember): string => {
    const token = `calendly-sim-pat-${seed}-${member.userUuid.toLowerCase()}`;
    tokens.addPersonalToken(token, member.userUri);
    return token;
  };
  const token = options.token ?? tokenFor(connected);
  if (options.token) tokens.addPersonalToken(options.token, connected.userUri);

  const router = new Router();
  const state: CalendlySimState = {
    org,
    seats: { purchased: options.seats ?? org.members.length },
    knobs: knobs as CalendlyKnobs,
    clock,
    tokens,
    oauthClient: {
      clientId: options.oauth?.clientId ?? `calendly-sim-client-${seed}`,
      clientSecret: options.oauth?.clientSecret ?? `calendly-sim-secret-${seed}`,
      redirectUris: options.oauth?.redirectUris ?? [],
    },
    signedIn: connected,
    invitations: [],
    removed: [],
    ids: new UuidSource(new Rng(seed).fork('calendly:simulator-ids')),
    observed: newObservations(),
    version: 0,
    eventsByUser: indexEvents(org.events),
    listings: new Map(),
  };
  addOAuthRoutes(router, state);
  addApiRoutes(router, state);

  const handle = await startSimulator<CalendlyKnobs>({
    name: 'Calendly',
    router,
    port: options.port,
    host: options.host,
    seed,
    clock,
    errorBody,
    knobs,
    guard: (req) => guard(req, state),
  });
  // The routes read knobs through the state: share the handle's live object.
  state.knobs = handle.knobs;

  return {
    ...handle,
    org,
    token,
    connected,
    tokenFor,
    signInAs: (member) => {
      state.signedIn = member;
    },
    oauth: {
      clientId: state.oauthClient.clientId,
      clientSecret: state.oauthClient.clientSecret,
      authorizeUrl: `${handle.origin}/oauth/authorize`,
      tokenUrl: `${handle.origin}/oauth/token`,
      revokeUrl: `${handle.origin}/oauth/revoke`,
    },
    invitations: state.invitations,
    acceptInvitation: (email) => acceptInvitation(state, email),
    observed: state.observed,
    seats: () => {
      const occupied = occupiedSeats(state);
      return { purchased: state.seats.purchased, occupied, open: Math.max(0, state.seats.purchased - occupied) };
    },
    setPurchasedSeats: (count) => {
      const occupied = occupiedSeats(state);
      if (!Number.isInteger(count) || count < occupied) throw new RangeError(`Calendly keeps at least the ${occupied} seats in use, got ${count}`);
      state.seats.purchased = count;
    },
  };
}

function guard(req: SimRequest, state: CalendlySimState): SimResponse | undefined {
  const check = state.tokens.check(bearerToken(req), state.clock());
  if (check.ok) return undefined;
  const message = check.reason === 'expired' ? 'The access token expired' : 'The access token is invalid';
  return json(401, { title: 'Unauthenticated', message });
}

function acceptInvitation(state: CalendlySimState, email: string): CalendlyMember | undefined {
  const invitation = state.invitations.find((i) => i.email === email.toLowerCase() && i.status === 'pending');
  if (!invitation) return undefined;
  invitation.status = 'accepted';
  const before = state.removed.find((m) => m.person.email === invitation.email);
  const membershipUuid = state.ids.next();
  const joinedAt = new Date(state.clock()).toISOString();
  const base = before ?? newPerson(state, invitation.email, joinedAt);
  const member: CalendlyMember = {
    ...base,
    role: 'user',
    membershipUuid,
    membershipUri: `${CALENDLY_URI_ORIGIN}/organization_memberships/${membershipUuid}`,
    createdAt: joinedAt,
  };
  state.org.members.push(member);
  state.version += 1;
  return member;
}

/** Someone invited who was never a member: a user named after the email's local part. */
function newPerson(state: CalendlySimState, email: string, joinedAt: string): CalendlyMember {
  const userUuid = state.ids.next();
  const local = email.split('@')[0] ?? email;
  return {
    person: { index: -1, givenName: local, familyName: '', name: local, email, createdAt: joinedAt, recentJoiner: true },
    role: 'user',
    userUuid,
    userUri: `${CALENDLY_URI_ORIGIN}/users/${userUuid}`,
    membershipUuid: '',
    membershipUri: '',
    slug: local.replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
    timezone: 'UTC',
    createdAt: joinedAt,
  };
}

/**
 * The Calendly API v2 endpoints the connector uses, for the simulator: paths, fields,
 * pagination, permission rules and error messages as Calendly documents them.
 */
import { bearerToken, json, empty, SimError, type RouteHandler, type Router, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { CALENDLY_URI_ORIGIN, type CalendlyLogEntry, type CalendlyMember, type CalendlyScheduledEvent } from './seed.js';
import { invalidArgument, pageWindow, paginate } from './paging.js';
import { cachedListing, occupiedSeats, type CalendlyInvitation, type CalendlySimState } from './state.js';

const NO_PERMISSION = 'You do not have permission to access this resource.';
const UPGRADE = 'Please upgrade your Calendly account to Enterprise.';
const NOT_FOUND = 'The server could not find the requested resource.';
/** Calendly's answer to an invitation beyond the seats bought (its OpenAPI "Quantity Overflow"). */
const QUANTITY_OVERFLOW =
  "You already sent all the invitations you're allotted based upon the number of seats purchased with your account. Please purchase more seats to send more invitations.";

export function addApiRoutes(router: Router, state: CalendlySimState): void {
  const tracked = (handler: RouteHandler): RouteHandler => async (req) => {
    const o = state.observed;
    o.inFlight += 1;
    o.maxInFlight = Math.max(o.maxInFlight, o.inFlight);
    try {
      if (state.knobs.serviceTimeMs > 0) await new Promise((r) => setTimeout(r, state.knobs.serviceTimeMs));
      return await handler(req);
    } finally {
      o.inFlight -= 1;
    }
  };
  const seen = (count: number): void => {
    state.observed.maxCount = Math.max(state.observed.maxCount, count);
  };

  router.get('/users/me', tracked((req) => json(200, { resource: userResource(state, callerOf(req, state)) })));

  router.get(
    '/organization_memberships',
    tracked((req) => {
      callerOf(req, state);
      const window = pageWindow(req, 100, seen);
      if ('status' in window) return window;
      const org = req.query.get('organization');
      const user = req.query.get('user');
      const email = req.query.get('email')?.toLowerCase();
      if (!org && !user) return invalidArgument('organization', 'one of organization or user is required');
      if (org && org !== state.org.uri) throw new SimError(403, NO_PERMISSION);
      const members = cachedListing(state, 'memberships', `${user}|${email}`, () =>
        state.org.members.filter((m) => (!user || m.userUri === user) && (!email || m.person.email === email)),
      );
      const page = paginate(req, members, window);
      return json(200, { collection: page.collection.map((m) => membershipResource(state, m)), pagination: page.pagination });
    }),
  );

  router.get('/activity_log_entries', tracked((req) => activityLog(req, state, seen)));
  router.get('/scheduled_events', tracked((req) => scheduledEvents(req, state, seen)));

  router.delete(
    '/organization_memberships/:uuid',
    tracked((req) => {
      const caller = callerOf(req, state);
      if (caller.role === 'user') throw new SimError(403, 'You do not have permission to perform this action');
      const index = state.org.members.findIndex((m) => m.membershipUuid === req.params.uuid);
      const member = state.org.members[index];
      if (!member) throw new SimError(404, NOT_FOUND);
      if (member.role === 'owner') throw new SimError(403, 'You can not change owner role');
      if (member.userUri === caller.userUri) throw new SimError(403, 'You can not remove yourself from organization');
      // The seat stays purchased (state.seats untouched): it is open now, and still billed.
      state.org.members.splice(index, 1);
      state.removed.push(member);
      state.version += 1;
      return empty(204);
    }),
  );

  router.post('/organizations/:uuid/invitations', tracked((req) => invite(req, state)));
}

/** The member behind the bearer token (the guard already checked it is valid). */
function callerOf(req: SimRequest, state: CalendlySimState): CalendlyMember {
  const check = state.tokens.check(bearerToken(req), state.clock());
  const member = check.ok ? state.org.members.find((m) => m.userUri === check.memberUri) : undefined;
  if (!member) throw new SimError(403, NO_PERMISSION);
  return member;
}

function activityLog(req: SimRequest, state: CalendlySimState, seen: (n: number) => void): SimResponse {
  const caller = callerOf(req, state);
  const org = req.query.get('organization');
  if (!org) return invalidArgument('organization', 'is required');
  // The plan is checked first: every caller on a lesser plan hears "upgrade".
  if (state.knobs.plan !== 'enterprise') throw new SimError(403, UPGRADE);
  if (org !== state.org.uri || caller.role === 'user') throw new SimError(403, NO_PERMISSION);
  const window = pageWindow(req, 1000, seen);
  if ('status' in window) return window;
  const min = timeParam(req, 'min_occurred_at');
  const max = timeParam(req, 'max_occurred_at');
  if (typeof min === 'object' || typeof max === 'object') return (typeof min === 'object' ? min : max) as SimResponse;
  const actors = new Set((req.query.get('actor') ?? '').split(',').filter(Boolean));
  const sort = req.query.get('sort');
  const entries = cachedListing(state, 'activity', `${min}|${max}|${[...actors].join(',')}|${sort}`, () => {
    const list = state.org.activityLog.filter((e) => {
      const at = Date.parse(e.occurredAt);
      return (min === undefined || at >= min) && (max === undefined || at <= max) && (actors.size === 0 || (e.actorUri !== undefined && actors.has(e.actorUri)));
    });
    // Newest first by default; other documented sorts are not simulated and fall back to it.
    return sort === 'occurred_at:asc' ? list.reverse() : list;
  });
  const page = paginate(req, entries, window);
  return json(200, {
    collection: page.collection.map((e) => entryResource(state, e)),
    pagination: page.pagination,
    last_event_time: page.collection[0]?.occurredAt ?? null,
    total_count: entries.length,
    exceeds_max_total_count: false,
  });
}

function scheduledEvents(req: SimRequest, state: CalendlySimState, seen: (n: number) => void): SimResponse {
  const caller = callerOf(req, state);
  const window = pageWindow(req, 100, seen);
  if ('status' in window) return window;
  const org = req.query.get('organization');
  const user = req.query.get('user');
  if (!org && !user) return invalidArgument('organization', 'one of organization or user is required');
  if (org) {
    // Events of other members need the organization parameter and an admin or the owner.
    if (org !== state.org.uri || caller.role === 'user') throw new SimError(403, NO_PERMISSION);
    if (user && !state.org.members.some((m) => m.userUri === user)) throw new SimError(403, 'This user is not in your organization');
  } else if (user !== caller.userUri) {
    throw new SimError(403, 'Please also specify organization when requesting events for a user within your organization.');
  }
  const min = timeParam(req, 'min_start_time');
  const max = timeParam(req, 'max_start_time');
  if (typeof min === 'object' || typeof max === 'object') return (typeof min === 'object' ? min : max) as SimResponse;
  const sort = req.query.get('sort') ?? 'start_time:asc';
  if (sort !== 'start_time:asc' && sort !== 'start_time:desc') return invalidArgument('sort', 'is invalid');
  const status = req.query.get('status');
  const memberUris = user ? undefined : new Set(state.org.members.map((m) => m.userUri));
  const candidates = user ? (state.eventsByUser.get(user) ?? []) : state.org.events.filter((e) => memberUris?.has(e.userUri));
  const events = candidates
    .filter((e) => !status || e.status === status)
    .filter((e) => {
      const at = Date.parse(e.startTime);
      return (min === undefined || at >= min) && (max === undefined || at < max);
    })
    .sort((a, b) => (Date.parse(a.startTime) - Date.parse(b.startTime)) * (sort === 'start_time:desc' ? -1 : 1));
  const page = paginate(req, events, window);
  if (user) state.observed.eventsServedByUser.set(user, (state.observed.eventsServedByUser.get(user) ?? 0) + 1);
  return json(200, { collection: page.collection.map((e) => eventResource(state, e)), pagination: page.pagination });
}

function invite(req: SimRequest, state: CalendlySimState): SimResponse {
  const caller = callerOf(req, state);
  if (req.params.uuid !== state.org.uuid || caller.role === 'user') throw new SimError(403, 'You do not have permission');
  const body = req.body;
  const raw = typeof body === 'object' && body !== null && 'email' in body && typeof body.email === 'string' ? body.email.trim() : '';
  if (!raw) return invalidArgument('email', 'must be filled');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) return json(400, { title: 'Invalid Email', message: `${raw} is an invalid email format` });
  const email = raw.toLowerCase();
  if (state.org.members.some((m) => m.person.email === email)) {
    return json(400, { title: 'Already Organization Member', message: `${raw} is already in the organization` });
  }
  if (state.invitations.some((i) => i.email === email && i.status === 'pending')) {
    return json(400, { title: 'Already Invited', message: `${raw} has already been invited` });
  }
  if (occupiedSeats(state) >= state.seats.purchased) throw new SimError(403, QUANTITY_OVERFLOW);
  const uuid = state.ids.next();
  const invitation: CalendlyInvitation = {
    uuid,
    uri: `${state.org.uri}/invitations/${uuid}`,
    email,
    status: 'pending',
    createdAt: new Date(state.clock()).toISOString(),
  };
  state.invitations.push(invitation);
  return json(201, { resource: invitationResource(state, invitation) });
}

/** A date-time query parameter: undefined when absent, Calendly's 400 when unparseable. */
function timeParam(req: SimRequest, name: string): number | undefined | SimResponse {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? invalidArgument(name, 'must be a valid date-time') : at;
}

function userFields(m: CalendlyMember) {
  return {
    uri: m.userUri,
    name: m.person.name,
    slug: m.slug,
    email: m.person.email,
    scheduling_url: `https://calendly.com/${m.slug}`,
    timezone: m.timezone,
    avatar_url: null,
    created_at: m.person.createdAt,
    updated_at: m.createdAt,
  };
}

function userResource(state: CalendlySimState, m: CalendlyMember) {
  return { ...userFields(m), resource_type: 'User', locale: 'en', current_organization: state.org.uri };
}

function membershipResource(state: CalendlySimState, m: CalendlyMember) {
  return { uri: m.membershipUri, role: m.role, user: userFields(m), organization: state.org.uri, created_at: m.createdAt, updated_at: m.createdAt };
}

function entryResource(state: CalendlySimState, e: CalendlyLogEntry) {
  const role = e.actorRole ? e.actorRole[0]?.toUpperCase() + e.actorRole.slice(1) : undefined;
  return {
    uri: e.uri,
    occurred_at: e.occurredAt,
    namespace: e.namespace,
    action: e.action,
    fully_qualified_name: `${e.namespace}.${e.action}`,
    details: {},
    organization: state.org.uri,
    actor: e.actorUri
      ? { uri: e.actorUri, type: 'User', display_name: e.actorName, alternative_identifier: e.actorEmail, organization: { uri: state.org.uri, role } }
      : { type: 'System', display_name: e.actorName },
  };
}

function eventResource(state: CalendlySimState, e: CalendlyScheduledEvent) {
  const member = state.org.members.find((m) => m.userUri === e.userUri) ?? state.removed.find((m) => m.userUri === e.userUri);
  return {
    uri: e.uri,
    name: e.name,
    status: e.status,
    start_time: e.startTime,
    end_time: e.endTime,
    event_type: `${CALENDLY_URI_ORIGIN}/event_types/${e.uri.split('/').pop()}`,
    location: { type: 'zoom', join_url: 'https://zoom.us/j/0', status: 'pushed' },
    invitees_counter: { total: 1, active: e.status === 'active' ? 1 : 0, limit: 1 },
    created_at: e.createdAt,
    updated_at: e.createdAt,
    event_memberships: [{ user: e.userUri, user_email: member?.person.email, user_name: member?.person.name }],
    event_guests: [],
  };
}

function invitationResource(state: CalendlySimState, i: CalendlyInvitation) {
  return {
    uri: i.uri,
    organization: state.org.uri,
    email: i.email,
    status: i.status,
    created_at: i.createdAt,
    updated_at: i.createdAt,
    last_sent_at: i.createdAt,
  };
}

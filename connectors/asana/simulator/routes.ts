/**
 * The Asana endpoints the connector uses, following Asana's public API: response shapes,
 * opt_fields, paging, the audit log's stream semantics, and admin-only removeUser/addUser.
 */
import { bearerToken, json, Router, SimError, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { BILLING_PAUSED, BILLING_UNPAUSED, type AsanaOrg, type AsanaSeedEvent, type AsanaSeedMember } from './seed.js';
import { decodeOffset, encodeOffset, nextPage, parseLimit } from './paging.js';

export const ASANA_BASE_PATH = '/api/1.0';

export type AsanaPlan = 'enterprise' | 'business';

/**
 * How the audit log refuses a token that is not a service account's: Asana lets only service
 * accounts read it. Undefined: every token may (what the older tests and the demo rely on).
 */
export type AuditLogDenial = 401 | 403;

/** Where a removed member's tasks went: the private project Asana makes at deprovisioning. */
export interface DeprovisionProject {
  gid: string;
  /** Who owns the project: the token's owner for a personal access token. */
  ownerGid: string;
  formerAssigneeGid: string;
  tasks: number;
}

/** Mutable simulator state: the org, who each token belongs to, and the plan. */
export interface AsanaSimState {
  org: AsanaOrg;
  /** token -> user gid. OAuth (later) adds the tokens it mints here. */
  tokens: Map<string, string>;
  plan(): AsanaPlan;
  auditLogDenial(): AuditLogDenial | undefined;
  origin(): string;
  /** Tasks assigned to each member, by user gid: removeUser moves them, addUser does not return them. */
  assignedTasks: Map<string, number>;
  deprovisionProjects: DeprovisionProject[];
}

/** The billing events, on the user the admin paused or unpaused. */
const BILLING_EVENTS: ReadonlySet<string> = new Set([BILLING_PAUSED, BILLING_UNPAUSED]);

/** Inserts an event where its time belongs, keeping the log sorted (after equal instants). */
export function insertEvent(org: AsanaOrg, event: Omit<AsanaSeedEvent, 'gid'>): AsanaSeedEvent {
  const at = Date.parse(event.createdAt);
  let lo = 0;
  let hi = org.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse((org.events[mid] as AsanaSeedEvent).createdAt) <= at) lo = mid + 1;
    else hi = mid;
  }
  const gid = String(org.events.reduce((max, e) => Math.max(max, Number(e.gid)), 0) + 1);
  const full: AsanaSeedEvent = { gid, ...event };
  org.events.splice(lo, 0, full);
  return full;
}

/** Without a limit Asana refuses big lists instead of paging them. */
const UNPAGED_MAX = 1000;

export function asanaRoutes(state: AsanaSimState): Router {
  const byGid = new Map<string, AsanaSeedMember>();
  const byEmail = new Map<string, AsanaSeedMember>();
  const index = (m: AsanaSeedMember): void => {
    byGid.set(m.userGid, m);
    byEmail.set(m.email.toLowerCase(), m);
  };
  state.org.members.forEach(index);

  const caller = (req: SimRequest): AsanaSeedMember => {
    const gid = state.tokens.get(bearerToken(req) ?? '');
    const me = gid ? byGid.get(gid) : undefined;
    if (!me) throw new SimError(401, 'Not Authorized');
    return me;
  };
  const findUser = (ref: string, req: SimRequest): AsanaSeedMember | undefined =>
    ref === 'me' ? caller(req) : (byGid.get(ref) ?? byEmail.get(ref.toLowerCase()));
  const workspaceOf = (req: SimRequest): AsanaOrg['workspace'] => {
    const ws = state.org.workspace;
    if (req.params.workspace_gid !== ws.gid) throw new SimError(404, `workspace: Not a recognized ID: ${req.params.workspace_gid ?? ''}`);
    return ws;
  };
  const compactUser = (m: AsanaSeedMember) => ({ gid: m.userGid, resource_type: 'user', name: m.name });
  const compactWorkspace = () => ({ gid: state.org.workspace.gid, resource_type: 'workspace', name: state.org.workspace.name });

  function membershipView(m: AsanaSeedMember, optFields: string[] | undefined): Record<string, unknown> {
    if (!optFields) return { gid: m.membershipGid, resource_type: 'workspace_membership', user: compactUser(m), workspace: compactWorkspace() };
    const full: Record<string, unknown> = {
      resource_type: 'workspace_membership',
      is_active: m.isActive,
      is_admin: m.isAdmin,
      is_guest: m.isGuest,
      is_view_only: m.isViewOnly,
      created_at: m.createdAt,
      user: { gid: m.userGid, resource_type: 'user', name: m.name, email: m.email },
      workspace: compactWorkspace(),
    };
    return project(m.membershipGid, full, optFields);
  }

  const router = new Router();
  const p = (path: string): string => `${ASANA_BASE_PATH}${path}`;

  router.get(p('/users/me'), (req) => {
    const me = caller(req);
    const full = { resource_type: 'user', name: me.name, email: me.email, photo: null, workspaces: [compactWorkspace()] };
    return json(200, { data: project(me.userGid, full, optFields(req)) });
  });

  router.get(p('/workspaces'), (req) => {
    const limit = parseLimit(req.query);
    const body: Record<string, unknown> = { data: [compactWorkspace()] };
    if (limit !== undefined) body.next_page = null;
    return json(200, body);
  });

  router.get(p('/workspaces/:workspace_gid/workspace_memberships'), (req) => {
    const ws = workspaceOf(req);
    const limit = parseLimit(req.query);
    const userRef = req.query.get('user');
    let members = state.org.members;
    if (userRef !== null) {
      const one = findUser(userRef, req);
      members = one ? [one] : [];
    }
    const fields = optFields(req);
    if (limit === undefined) {
      if (members.length > UNPAGED_MAX) throw new SimError(400, 'The result is too large. You should use pagination (may require specifying a workspace)!');
      return json(200, { data: members.map((m) => membershipView(m, fields)) });
    }
    const scope = `wm:${ws.gid}:${userRef ?? ''}`;
    const start = decodeOffset(req.query, scope);
    const end = Math.min(start + limit, members.length);
    const data = members.slice(start, end).map((m) => membershipView(m, fields));
    const path = `/workspaces/${ws.gid}/workspace_memberships`;
    const next = end < members.length ? nextPage(state.origin(), ASANA_BASE_PATH, path, req.query, encodeOffset(scope, end)) : null;
    return json(200, { data, next_page: next });
  });

  router.get(p('/workspaces/:workspace_gid/audit_log_events'), (req) => auditLog(req, workspaceOf(req)));

  function auditLog(req: SimRequest, ws: AsanaOrg['workspace']): SimResponse {
    if (state.plan() !== 'enterprise') {
      throw new SimError(402, 'The Audit Log API is only available to organizations on an Enterprise+ premium plan. Upgrade your plan to use this feature.');
    }
    const denial = state.auditLogDenial();
    if (denial === 401) throw new SimError(401, 'Not Authorized');
    if (denial === 403) throw new SimError(403, 'Only service accounts can access the audit log API. Authenticate with a service account token.');
    const limit = parseLimit(req.query) ?? 1000;
    const startAt = timeParam(req.query, 'start_at') ?? Number.NEGATIVE_INFINITY;
    const endAt = timeParam(req.query, 'end_at') ?? Number.POSITIVE_INFINITY;
    const eventType = req.query.get('event_type');
    const actorGid = req.query.get('actor_gid');
    const actorType = req.query.get('actor_type');
    const resourceGid = req.query.get('resource_gid');
    if (actorType !== null && actorType !== 'user') return json(200, { data: [], next_page: null });
    // The offset is a position in the time-sorted log, so a page costs O(limit), not O(log).
    const scope = `audit:${ws.gid}:${startAt}:${endAt}:${eventType ?? ''}:${actorGid ?? ''}:${resourceGid ?? ''}`;
    const events = state.org.events;
    let pos = req.query.has('offset') ? decodeOffset(req.query, scope) : lowerBound(events, startAt);
    const data: unknown[] = [];
    while (pos < events.length && data.length < limit) {
      const e = events[pos] as AsanaOrg['events'][number];
      const at = Date.parse(e.createdAt);
      if (at >= endAt) {
        pos = events.length;
        break;
      }
      pos += 1;
      if ((eventType && e.eventType !== eventType) || (actorGid && e.actorGid !== actorGid)) continue;
      if (resourceGid && (e.resourceGid ?? e.actorGid) !== resourceGid) continue;
      data.push(auditEventView(e, byGid.get(e.actorGid), byGid.get(e.resourceGid ?? e.actorGid)));
    }
    // Stream semantics: once anything matched, next_page keeps coming back (data empty at the end).
    if (!req.query.has('offset') && data.length === 0) return json(200, { data, next_page: null });
    const path = `/workspaces/${ws.gid}/audit_log_events`;
    return json(200, { data, next_page: nextPage(state.origin(), ASANA_BASE_PATH, path, req.query, encodeOffset(scope, pos)) });
  }

  const requireAdmin = (req: SimRequest, action: string): void => {
    const me = caller(req);
    if (!me.isAdmin || !me.isActive) throw new SimError(403, `You must be an admin of this workspace to ${action}.`);
  };
  const userFromBody = (req: SimRequest): string => {
    const body = req.body;
    const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : undefined;
    const user = typeof data === 'object' && data !== null && 'user' in data ? data.user : undefined;
    if (typeof user !== 'string' || user === '') throw new SimError(400, 'user: Missing input');
    return user;
  };

  router.post(p('/workspaces/:workspace_gid/removeUser'), (req) => {
    workspaceOf(req);
    requireAdmin(req, 'remove users');
    const ref = userFromBody(req);
    const target = findUser(ref, req);
    if (!target) throw new SimError(404, `user: Not a recognized ID: ${ref}`);
    const me = caller(req);
    if (target.userGid === me.userGid) throw new SimError(400, 'user: You cannot remove yourself from the workspace.');
    if (target.isActive) {
      // Deprovisioning collects the member's tasks into a private project; with a personal
      // access token Asana gives that project to the token's owner.
      const tasks = state.assignedTasks.get(target.userGid) ?? 0;
      state.deprovisionProjects.push({ gid: `${target.membershipGid}-tasks`, ownerGid: me.userGid, formerAssigneeGid: target.userGid, tasks });
      state.assignedTasks.set(target.userGid, 0);
    }
    target.isActive = false;
    return json(200, { data: {} });
  });

  router.post(p('/workspaces/:workspace_gid/addUser'), (req) => {
    workspaceOf(req);
    requireAdmin(req, 'add users');
    const ref = userFromBody(req);
    let target = findUser(ref, req);
    if (!target && ref.includes('@')) {
      // Asana invites an unknown email address: it becomes a new member.
      target = invite(ref);
    }
    if (!target) throw new SimError(404, `user: Not a recognized ID: ${ref}`);
    target.isActive = true;
    return json(200, { data: { gid: target.userGid, resource_type: 'user', name: target.name, email: target.email } });
  });

  function invite(email: string): AsanaSeedMember {
    const members = state.org.members;
    const last = members[members.length - 1];
    const member: AsanaSeedMember = {
      userGid: String(Number(last?.userGid ?? '1200000000000001') + 2),
      membershipGid: String(Number(last?.membershipGid ?? '1200000005000000') + 1),
      name: email.split('@')[0] ?? email,
      email,
      isActive: true,
      isAdmin: false,
      isGuest: false,
      isViewOnly: false,
      createdAt: new Date().toISOString(),
      recentJoiner: true,
    };
    members.push(member);
    index(member);
    return member;
  }

  return router;
}

function optFields(req: SimRequest): string[] | undefined {
  const raw = req.query.get('opt_fields');
  return raw ? raw.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
}

/** Asana's opt_fields: gid always, then exactly the fields (and sub-fields) asked for. */
function project(gid: string, full: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return { gid, ...full };
  const out: Record<string, unknown> = { gid };
  for (const field of fields) {
    const [head, sub] = field.split('.', 2) as [string, string | undefined];
    const value = full[head];
    if (value === undefined) continue;
    if (sub === undefined || typeof value !== 'object' || value === null) {
      out[head] = typeof value === 'object' && value !== null && 'gid' in value ? { gid: value.gid, ...(out[head] as object) } : value;
      continue;
    }
    const picked = (out[head] as Record<string, unknown> | undefined) ?? { gid: (value as Record<string, unknown>).gid };
    picked[sub] = (value as Record<string, unknown>)[sub];
    out[head] = picked;
  }
  return out;
}

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new SimError(400, `${name}: Invalid date-time value: ${raw}`);
  return t;
}

/** First index whose event is at or after `t` (events are sorted by time). */
function lowerBound(events: AsanaOrg['events'], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse((events[mid] as AsanaOrg['events'][number]).createdAt) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function auditEventView(e: AsanaOrg['events'][number], actor: AsanaSeedMember | undefined, subject: AsanaSeedMember | undefined): Record<string, unknown> {
  const person = (gid: string, m: AsanaSeedMember | undefined) => ({ gid, name: m?.name, email: m?.email });
  return {
    gid: e.gid,
    created_at: e.createdAt,
    event_type: e.eventType,
    event_category: BILLING_EVENTS.has(e.eventType) ? 'user_updates' : 'logins',
    actor: { actor_type: 'user', ...person(e.actorGid, actor) },
    resource: { resource_type: 'user', ...person(e.resourceGid ?? e.actorGid, subject) },
    details: {},
    context: { context_type: 'web', client_ip_address: '203.0.113.10', user_agent: 'Mozilla/5.0 (Seatwise simulator)' },
  };
}

/**
 * A tiny generic REST app for the custom connector's non-SCIM paths. One users endpoint serves
 * every paging style: offset/limit, page/per_page (1-based), cursor (body meta.next_cursor)
 * and an RFC 8288 Link header; users carry last_seen_at; /logins is an activity endpoint.
 */
import { hasBearer, json, Router, SimError, startSimulator, type SimRequest, type SimulatorHandle, type SimulatorKnobs } from '../../simulator-kit/index.js';
import { seedCustomOrg, type CustomOrg, type CustomSeedOptions, type CustomSeedUser } from './seed.js';

export const REST_BASE_PATH = '/api/v1';
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 25;
const DAY_MS = 86_400_000;

export interface RestAppSimulatorOptions extends CustomSeedOptions {
  token: string;
  port?: number;
  knobs?: Partial<SimulatorKnobs>;
  clock?: () => number;
  org?: CustomOrg;
}

export interface LoginEvent {
  userId: string;
  email: string;
  at: string;
}

export interface RestAppSimulatorHandle extends SimulatorHandle {
  org: CustomOrg;
  /** Sign-in events, ascending by time: each user's last sign-in and one three days earlier. */
  logins: LoginEvent[];
  user(id: string): CustomSeedUser | undefined;
}

export function restErrorBody(status: number, message: string): unknown {
  const error = status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : status >= 500 ? 'server_error' : 'invalid_request';
  return { error, message };
}

export function restUser(u: CustomSeedUser): Record<string, unknown> {
  return {
    id: u.id,
    profile: { email: u.email, full_name: u.name },
    plan: u.plan ?? null,
    status: u.active ? 'active' : 'suspended',
    last_seen_at: u.lastSeenAt ?? null,
    created_at: u.createdAt,
  };
}

function int(req: SimRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new SimError(400, `${name} must be a non-negative integer`);
  return n;
}

function limitOf(req: SimRequest, name: string): number {
  const n = int(req, name) ?? DEFAULT_LIMIT;
  if (n < 1 || n > MAX_LIMIT) throw new SimError(400, `${name} must be between 1 and ${MAX_LIMIT}`);
  return n;
}

const encodeCursor = (pos: number): string => Buffer.from(`pos:${pos}`).toString('base64url');
function decodeCursor(raw: string): number {
  const m = /^pos:(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!m) throw new SimError(400, 'cursor is invalid or expired');
  return Number(m[1]);
}

/** Reads whichever paging style the request uses: [start, size]. */
function pageWindow(req: SimRequest): [number, number] {
  if (req.query.has('cursor')) return [decodeCursor(req.query.get('cursor') ?? ''), limitOf(req, 'limit')];
  if (req.query.has('page')) {
    const size = limitOf(req, 'per_page');
    const page = int(req, 'page') ?? 1;
    if (page < 1) throw new SimError(400, 'page starts at 1');
    return [(page - 1) * size, size];
  }
  return [int(req, 'offset') ?? 0, limitOf(req, 'limit')];
}

/** Where the pages' links point: the simulator itself, or the `nextLinkOrigin` knob's origin. */
interface LinkOrigin {
  origin: string;
  knobs?: SimulatorKnobs;
}

function page<T>(req: SimRequest, live: LinkOrigin, all: T[], extraQuery: Record<string, string> = {}) {
  const [start, size] = pageWindow(req);
  const data = all.slice(start, start + size);
  const end = start + data.length;
  const more = end < all.length;
  const hostile = live.knobs?.nextLinkOrigin;
  const origin = hostile ?? live.origin;
  const headers: Record<string, string> = {};
  if (more) {
    const next = new URL(`${origin}${req.path}`);
    for (const [k, v] of Object.entries(extraQuery)) next.searchParams.set(k, v);
    next.searchParams.set('offset', String(end));
    next.searchParams.set('limit', String(size));
    headers.link = `<${next.toString()}>; rel="next", <${origin}${req.path}?offset=0&limit=${size}>; rel="first"`;
  }
  // A hostile vendor's cursor is a full URL too, which the cursor paginator follows as a link.
  const cursor = more ? (hostile ? `${hostile}${req.path}?cursor=${encodeCursor(end)}&limit=${size}` : encodeCursor(end)) : null;
  return json(200, { data, meta: { total: all.length, next_cursor: cursor } }, headers);
}

export function loginEvents(org: CustomOrg): LoginEvent[] {
  const events: LoginEvent[] = [];
  for (const u of org.users) {
    if (!u.lastSeenAt) continue;
    events.push({ userId: u.id, email: u.email, at: u.lastSeenAt });
    const earlier = Date.parse(u.lastSeenAt) - 3 * DAY_MS;
    if (earlier > Date.parse(u.createdAt)) events.push({ userId: u.id, email: u.email, at: new Date(earlier).toISOString() });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.userId.localeCompare(b.userId));
}

export async function startRestAppSimulator(options: RestAppSimulatorOptions): Promise<RestAppSimulatorHandle> {
  const org = options.org ?? seedCustomOrg(options);
  const byId = new Map(org.users.map((u) => [u.id, u]));
  const logins = loginEvents(org);
  const live: LinkOrigin = { origin: '' };
  const router = new Router();
  const p = (path: string): string => `${REST_BASE_PATH}${path}`;

  router.get(p('/me'), () => json(200, { id: 'svc-seatwise', name: 'Seatwise service account', email: 'seatwise@acme.example' }));
  router.get(p('/users'), (req) => page(req, live, org.users.map(restUser)));
  router.patch(p('/users/:id'), (req) => {
    const u = byId.get(req.params.id ?? '');
    if (!u) throw new SimError(404, `user ${req.params.id ?? ''} not found`);
    const status = (req.body as { status?: unknown } | undefined)?.status;
    if (status !== 'active' && status !== 'suspended') throw new SimError(400, 'status must be "active" or "suspended"');
    u.active = status === 'active';
    return json(200, restUser(u));
  });
  router.get(p('/logins'), (req) => {
    const raw = req.query.get('since');
    const since = raw === null ? Number.NEGATIVE_INFINITY : Date.parse(raw);
    if (Number.isNaN(since)) throw new SimError(400, 'since must be an ISO 8601 date-time');
    const events = logins.filter((e) => Date.parse(e.at) >= since).map((e) => ({ user_id: e.userId, email: e.email, at: e.at }));
    return page(req, live, events, raw === null ? {} : { since: raw });
  });

  const handle = await startSimulator({
    name: 'REST app',
    router,
    port: options.port,
    basePath: REST_BASE_PATH,
    seed: options.seed,
    clock: options.clock,
    errorBody: restErrorBody,
    guard: (req) => (hasBearer(req, options.token) ? undefined : json(401, { error: 'unauthorized', error_description: 'The access token is missing, invalid or expired.' })),
    knobs: options.knobs,
  });
  live.origin = handle.origin;
  live.knobs = handle.knobs;
  return { ...handle, org, logins, user: (id) => byId.get(id) };
}

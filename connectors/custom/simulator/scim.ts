/**
 * A small SCIM 2.0 server (RFC 7644) on the simulator kit: /Users with startIndex/count
 * (capped at a server page size smaller than most requests), POST /Users, GET/PATCH
 * /Users/{id}, /ServiceProviderConfig, SCIM error bodies and a bearer token. Used by the demo
 * and tests. With the strictMediaType knob it refuses request bodies that are not
 * application/scim+json, as a strict server may.
 */
import { hasBearer, json, Router, SimError, startSimulator, type SimRequest, type SimulatorHandle, type SimulatorKnobs } from '../../simulator-kit/index.js';
import { seedCustomOrg, type CustomOrg, type CustomSeedOptions, type CustomSeedUser } from './seed.js';

export const SCIM_BASE_PATH = '/scim/v2';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_JSON = 'application/scim+json';

export interface ScimKnobs extends SimulatorKnobs {
  /**
   * Refuse a request body (POST, PUT, PATCH) whose Content-Type is not application/scim+json
   * with 415 and a SCIM error. RFC 7644 makes servers accept application/scim+json; whether
   * they also take plain application/json, which older SCIM clients send, is the server's
   * choice. Off by default: the demo and the older tests run with a lenient server.
   */
  strictMediaType: boolean;
}

export interface ScimSimulatorOptions extends CustomSeedOptions {
  token: string;
  port?: number;
  /** Largest page the server returns whatever count asks for (default 37). */
  maxPageSize?: number;
  /** The initial strictMediaType knob (live: handle.knobs.strictMediaType). */
  strictMediaType?: boolean;
  knobs?: Partial<ScimKnobs>;
  clock?: () => number;
  org?: CustomOrg;
}

export interface ScimSimulatorHandle extends SimulatorHandle<ScimKnobs> {
  org: CustomOrg;
  user(id: string): CustomSeedUser | undefined;
}

/** The media type of a request, without parameters (`; charset=utf-8`), lower-case. */
function mediaTypeOf(req: SimRequest): string {
  const raw = req.headers['content-type'];
  return (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0]?.trim().toLowerCase() ?? '';
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function scimErrorBody(status: number, message: string, scimType?: string): unknown {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail: message };
}

function scimJson(status: number, body: unknown) {
  return { ...json(status, body), contentType: SCIM_JSON };
}

export function scimUser(u: CustomSeedUser, origin: string): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id: u.id,
    userName: u.userName,
    name: { formatted: u.name, givenName: u.givenName, familyName: u.familyName },
    displayName: u.name,
    emails: [
      { value: `${u.userName.split('@')[0] ?? u.id}@mail.example`, type: 'home', primary: false },
      { value: u.email, type: 'work', primary: true },
    ],
    active: u.active,
    ...(u.plan ? { roles: [{ value: u.plan, primary: true }] } : {}),
    meta: { resourceType: 'User', created: u.createdAt, lastModified: u.createdAt, location: `${origin}${SCIM_BASE_PATH}/Users/${u.id}` },
  };
}

function intParam(req: SimRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new SimError(400, `${name} must be an integer`);
  return n;
}

/** POST /Users (RFC 7644 section 3.3): a new active user from userName and the usual fields. */
function createUser(body: unknown, org: CustomOrg, now: number): CustomSeedUser {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(USER_SCHEMA)) throw new SimError(400, 'A User must carry the core User schema');
  const userName = typeof b.userName === 'string' ? b.userName.trim() : '';
  if (!userName) throw new SimError(400, 'userName is required');
  if (org.users.some((u) => u.userName.toLowerCase() === userName.toLowerCase())) throw new SimError(409, `userName ${userName} is already taken`);
  const name = (typeof b.name === 'object' && b.name !== null ? b.name : {}) as Record<string, unknown>;
  const emails = Array.isArray(b.emails) ? (b.emails as Array<Record<string, unknown>>) : [];
  const email = String(emails.find((e) => e.primary === true)?.value ?? emails[0]?.value ?? userName);
  const givenName = typeof name.givenName === 'string' ? name.givenName : '';
  const familyName = typeof name.familyName === 'string' ? name.familyName : '';
  const display = typeof b.displayName === 'string' ? b.displayName : `${givenName} ${familyName}`.trim() || userName;
  return {
    id: `new-${String(org.users.length + 1).padStart(6, '0')}`,
    userName,
    name: display,
    givenName,
    familyName,
    email,
    active: b.active !== false,
    createdAt: new Date(now).toISOString(),
  };
}

function applyPatch(user: CustomSeedUser, body: unknown): void {
  const b = body as { schemas?: unknown; Operations?: unknown } | undefined;
  if (!b || !Array.isArray(b.schemas) || !b.schemas.includes(PATCH_SCHEMA) || !Array.isArray(b.Operations)) {
    throw new SimError(400, 'PatchOp request must carry the PatchOp schema and Operations');
  }
  for (const op of b.Operations as Array<Record<string, unknown>>) {
    const kind = String(op.op ?? '').toLowerCase();
    if (kind !== 'replace' && kind !== 'add') throw new SimError(400, `Unsupported patch operation "${String(op.op)}"`);
    const value = op.path === undefined && typeof op.value === 'object' && op.value !== null ? (op.value as Record<string, unknown>).active : op.value;
    if (op.path !== undefined && op.path !== 'active') throw new SimError(400, `Attribute "${String(op.path)}" is read-only here`);
    if (typeof value !== 'boolean') throw new SimError(400, 'active must be a boolean');
    user.active = value;
  }
}

export async function startScimSimulator(options: ScimSimulatorOptions): Promise<ScimSimulatorHandle> {
  const org = options.org ?? seedCustomOrg(options);
  const byId = new Map(org.users.map((u) => [u.id, u]));
  const maxPage = options.maxPageSize ?? 37;
  // Filled in once the server listens; routes and the guard read them per request.
  const live: { origin: string; knobs?: ScimKnobs } = { origin: '' };
  const router = new Router();
  const p = (path: string): string => `${SCIM_BASE_PATH}${path}`;
  const find = (req: SimRequest): CustomSeedUser => {
    const u = byId.get(req.params.id ?? '');
    if (!u) throw new SimError(404, `Resource ${req.params.id ?? ''} not found`);
    return u;
  };

  router.get(p('/ServiceProviderConfig'), () =>
    scimJson(200, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: false, maxResults: maxPage },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Bearer token', primary: true }],
    }),
  );

  router.get(p('/Users'), (req) => {
    if (req.query.has('filter')) throw new SimError(400, 'Filtering is not supported');
    const startIndex = Math.max(1, intParam(req, 'startIndex', 1));
    const count = Math.max(0, Math.min(intParam(req, 'count', maxPage), maxPage));
    const slice = org.users.slice(startIndex - 1, startIndex - 1 + count);
    return scimJson(200, {
      schemas: [LIST_SCHEMA],
      totalResults: org.users.length,
      itemsPerPage: slice.length,
      startIndex,
      Resources: slice.map((u) => scimUser(u, live.origin)),
    });
  });

  router.get(p('/Users/:id'), (req) => scimJson(200, scimUser(find(req), live.origin)));

  router.post(p('/Users'), (req) => {
    const u = createUser(req.body, org, (options.clock ?? Date.now)());
    org.users.push(u);
    byId.set(u.id, u);
    const view = scimUser(u, live.origin);
    return { ...scimJson(201, view), headers: { location: String((view.meta as { location: string }).location) } };
  });

  router.patch(p('/Users/:id'), (req) => {
    const u = find(req);
    applyPatch(u, req.body);
    return scimJson(200, scimUser(u, live.origin));
  });

  /** A strict server's refusal of a body that is not SCIM's media type; undefined when fine. */
  const refuseMediaType = (req: SimRequest) => {
    if (!live.knobs?.strictMediaType || !BODY_METHODS.has(req.method) || req.rawBody === '') return undefined;
    const type = mediaTypeOf(req);
    if (type === SCIM_JSON) return undefined;
    return scimJson(415, scimErrorBody(415, `Request bodies must be sent as ${SCIM_JSON}, not ${type || 'without a Content-Type'}.`));
  };

  const handle = await startSimulator<ScimKnobs>({
    name: 'SCIM',
    router,
    port: options.port,
    basePath: SCIM_BASE_PATH,
    seed: options.seed,
    clock: options.clock,
    errorBody: (status, message) => scimErrorBody(status, message, status === 400 ? 'invalidValue' : undefined),
    guard: (req) =>
      hasBearer(req, options.token)
        ? refuseMediaType(req)
        : scimJson(401, scimErrorBody(401, 'Authorization failure. The authorization header is invalid or missing.')),
    knobs: { strictMediaType: options.strictMediaType ?? true, ...options.knobs },
  });
  live.origin = handle.origin;
  live.knobs = handle.knobs;
  return { ...handle, org, user: (id) => byId.get(id) };
}

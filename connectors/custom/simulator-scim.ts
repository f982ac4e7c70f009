/**
 * A small SCIM 2.0 server (RFC 7644) on the simulator kit: /Users with startIndex/count
 * (capped at a server page size smaller than most requests), GET/PATCH /Users/{id},
 * /ServiceProviderConfig, SCIM error bodies and a bearer token. Used by the demo and tests.
 */
import { hasBearer, json, Router, SimError, startSimulator, type SimRequest, type SimulatorHandle, type SimulatorKnobs } from '../simulator-kit/index.js';
import { seedCustomOrg, type CustomOrg, type CustomSeedOptions, type CustomSeedUser } from './seed.js';

export const SCIM_BASE_PATH = '/scim/v2';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_JSON = 'application/scim+json';

export interface ScimSimulatorOptions extends CustomSeedOptions {
  token: string;
  port?: number;
  /** Largest page the server returns whatever count asks for (default 37). */
  maxPageSize?: number;
  knobs?: Partial<SimulatorKnobs>;
  clock?: () => number;
  org?: CustomOrg;
}

export interface ScimSimulatorHandle extends SimulatorHandle {
  org: CustomOrg;
  user(id: string): CustomSeedUser | undefined;
}

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
  const live = { origin: '' };
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

  router.patch(p('/Users/:id'), (req) => {
    const u = find(req);
    applyPatch(u, req.body);
    return scimJson(200, scimUser(u, live.origin));
  });

  const handle = await startSimulator({
    name: 'SCIM',
    router,
    port: options.port,
    basePath: SCIM_BASE_PATH,
    seed: options.seed,
    clock: options.clock,
    errorBody: (status, message) => scimErrorBody(status, message, status === 400 ? 'invalidValue' : undefined),
    guard: (req) => (hasBearer(req, options.token) ? undefined : scimJson(401, scimErrorBody(401, 'Authorization failure. The authorization header is invalid or missing.'))),
    knobs: options.knobs,
  });
  live.origin = handle.origin;
  return { ...handle, org, user: (id) => byId.get(id) };
}

/**
 * The Asana simulator: a real HTTP server following Asana's API for what the connector uses,
 * seeded with a reproducible organisation (see seed.ts), with the kit's fault knobs.
 */
import {
  hasBearer,
  json,
  Rng,
  startSimulator,
  type Router,
  type SimulatorHandle,
  type SimulatorKnobs,
} from '../../simulator-kit/index.js';
import { BILLING_PAUSED, BILLING_UNPAUSED, seedAsanaOrg, type AsanaOrg, type AsanaSeedEvent, type AsanaSeedMember, type AsanaSeedOptions } from './seed.js';
import {
  ASANA_BASE_PATH,
  asanaRoutes,
  insertEvent,
  type AsanaPlan,
  type AsanaSimState,
  type AuditLogDenial,
  type DeprovisionProject,
} from './routes.js';

export type { AsanaPlan, AsanaSimState, AuditLogDenial, DeprovisionProject } from './routes.js';

export interface AsanaKnobs extends SimulatorKnobs {
  /** 'business' has no audit log: audit_log_events answers 402 like Asana. */
  plan: AsanaPlan;
  /**
   * The token is not a service account's, so the audit log refuses it with this status and
   * Asana's error body. Undefined (default): the audit log serves every token.
   */
  auditLogDenial?: AuditLogDenial;
}

export interface AsanaSimulatorOptions extends AsanaSeedOptions {
  /** The bearer token (PAT or service account) of the workspace's first member, an admin. */
  token: string;
  plan?: AsanaPlan;
  port?: number;
  latencyMs?: number;
  /** Overrides; by default the paid-plan limit of 1500 requests per minute applies. */
  knobs?: Partial<AsanaKnobs>;
  /** Rate-limit clock; pair with FakeClock in tests. */
  clock?: () => number;
  /** An org built elsewhere (e.g. shared with a test); otherwise seeded from the options. */
  org?: AsanaOrg;
  /**
   * Extension point for more endpoints, e.g. OAuth's /-/oauth_token: register routes (mark
   * them { public: true }) and put minted tokens in state.tokens.
   */
  extendRouter?: (router: Router, state: AsanaSimState) => void;
}

export interface AsanaSimulatorHandle extends SimulatorHandle<AsanaKnobs> {
  /** Live org state: reclaims change members' isActive here. */
  org: AsanaOrg;
  workspaceGid: string;
  state: AsanaSimState;
  member(userGid: string): AsanaSeedMember | undefined;
  /** An admin (the connected one) pauses the member's license: domain_user_billing_paused at `at`. */
  pauseBilling(userGid: string, at: Date): AsanaSeedEvent;
  /** An admin unpauses it: domain_user_billing_unpaused at `at`. */
  unpauseBilling(userGid: string, at: Date): AsanaSeedEvent;
  /** The member signs in (user_login_succeeded at `at`), which also restores a paused license. */
  logIn(userGid: string, at: Date): AsanaSeedEvent;
  /** Tasks assigned to the member right now. */
  assignedTasks(userGid: string): number;
  /** The projects removeUser made of removed members' tasks, oldest first. */
  deprovisionProjects: DeprovisionProject[];
}

/** Asana's paid plans allow 1500 requests per minute per token. */
export const ASANA_PAID_RATE_LIMIT = { limit: 1500, windowMs: 60_000, headers: 'retry-after' as const };

export function asanaErrorBody(status: number, message: string): unknown {
  return status >= 500
    ? { errors: [{ message, phrase: '6 sad squid snuggle softly' }] }
    : { errors: [{ message, help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors' }] };
}

export async function startAsanaSimulator(options: AsanaSimulatorOptions): Promise<AsanaSimulatorHandle> {
  const org = options.org ?? seedAsanaOrg(options);
  // Filled in once the server listens; routes only read it while serving requests.
  const live: { origin: string; knobs?: AsanaKnobs } = { origin: '' };
  // Drawn here, not in the seed, so the seeded organisation (and every test built on it) is unchanged.
  const taskDraw = new Rng(options.seed ?? 1).fork('asana:tasks');
  const state: AsanaSimState = {
    org,
    tokens: new Map([[options.token, org.meGid]]),
    plan: () => live.knobs?.plan ?? options.plan ?? 'enterprise',
    auditLogDenial: () => live.knobs?.auditLogDenial,
    origin: () => live.origin,
    assignedTasks: new Map(org.members.map((m) => [m.userGid, m.isActive ? taskDraw.int(0, 40) : 0])),
    deprovisionProjects: [],
  };
  const router = asanaRoutes(state);
  options.extendRouter?.(router, state);

  const handle = await startSimulator<AsanaKnobs>({
    name: 'Asana',
    router,
    port: options.port,
    basePath: ASANA_BASE_PATH,
    seed: options.seed,
    clock: options.clock,
    errorBody: asanaErrorBody,
    guard: (req) => (hasBearer(req, (t) => state.tokens.has(t)) ? undefined : json(401, asanaErrorBody(401, 'Not Authorized'))),
    knobs: {
      plan: options.plan ?? 'enterprise',
      rateLimit: ASANA_PAID_RATE_LIMIT,
      latencyMs: options.latencyMs ?? 0,
      ...options.knobs,
    },
  });
  live.origin = handle.origin;
  live.knobs = handle.knobs;
  const byGid = (gid: string) => org.members.find((m) => m.userGid === gid);
  const known = (gid: string): string => {
    if (!byGid(gid)) throw new RangeError(`No Asana member ${gid} in the simulator`);
    return gid;
  };
  return {
    ...handle,
    org,
    workspaceGid: org.workspace.gid,
    state,
    member: byGid,
    pauseBilling: (gid, at) => insertEvent(org, { createdAt: at.toISOString(), eventType: BILLING_PAUSED, actorGid: org.meGid, resourceGid: known(gid) }),
    unpauseBilling: (gid, at) => insertEvent(org, { createdAt: at.toISOString(), eventType: BILLING_UNPAUSED, actorGid: org.meGid, resourceGid: known(gid) }),
    logIn: (gid, at) => insertEvent(org, { createdAt: at.toISOString(), eventType: 'user_login_succeeded', actorGid: known(gid) }),
    assignedTasks: (gid) => state.assignedTasks.get(gid) ?? 0,
    deprovisionProjects: state.deprovisionProjects,
  };
}

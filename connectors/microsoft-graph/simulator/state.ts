/**
 * The Graph simulator's live state: tenants (each with Seatwise's app registration and the
 * application permissions an admin granted it), the access tokens the token endpoint minted,
 * the fault knobs, and Graph's error body.
 */
import { randomUUID } from 'node:crypto';
import { json, type SimResponse, type SimulatorKnobs } from '../../simulator-kit/index.js';
import type { GraphSeedUser, GraphTenant } from './seed.js';

export interface GraphKnobs extends SimulatorKnobs {
  /**
   * The largest $top Graph serves with signInActivity selected: 500 in the current List users
   * reference, 120 when the limit came in (2023). Above it: 400 "Cannot query data for more
   * than N users at a time."
   */
  signInActivityMaxPage: number;
  /** The server sends at most this many objects a page whatever $top says (Graph may send fewer). */
  pageSizeCap?: number;
  /** Every Nth Graph request answered 503 with Retry-After (Graph's throttling guidance); 0 off. */
  unavailableEveryNth: number;
  unavailableRetryAfterSeconds: number;
}

export interface GraphSimApp {
  clientId: string;
  clientSecret: string;
  /** Application permissions granted with admin consent: every token of the app carries them. */
  roles: string[];
}

export interface GraphSimTenant {
  tenant: GraphTenant;
  app: GraphSimApp;
  byId: Map<string, GraphSeedUser>;
}

export interface IssuedToken {
  tenantId: string;
  roles: ReadonlySet<string>;
  expiresAt: number;
}

export interface GraphSimState {
  tenants: Map<string, GraphSimTenant>;
  tokens: Map<string, IssuedToken>;
  clock: () => number;
  knobs: () => GraphKnobs;
  origin: () => string;
  counters: { graphRequests: number; tokensIssued: number; unavailable: number; licenseCalls: number };
}

/** Every application permission the connectors use: what a fully consented app has. */
export const ALL_GRAPH_ROLES = [
  'User.Read.All',
  'LicenseAssignment.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'AuditLog.Read.All',
  'Application.Read.All',
  'Organization.Read.All',
];

/** Graph's code for a status when the route names none. */
const DEFAULT_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Authorization_RequestDenied',
  404: 'Request_ResourceNotFound',
  429: 'TooManyRequests',
  500: 'generalException',
  503: 'serviceNotAvailable',
};

export function graphErrorBody(status: number, message: string, code?: string, now = Date.now()): unknown {
  const requestId = randomUUID();
  return {
    error: {
      code: code ?? DEFAULT_CODES[status] ?? 'UnknownError',
      message,
      innerError: { date: new Date(now).toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId },
    },
  };
}

/** Thrown by a route: answered with Graph's body and code. */
export class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  response(now?: number): SimResponse {
    return json(this.status, graphErrorBody(this.status, this.message, this.code, now), this.headers);
  }
}

export function indexTenant(tenant: GraphTenant, app: GraphSimApp): GraphSimTenant {
  return { tenant, app, byId: new Map(tenant.users.map((u) => [u.id, u])) };
}

/** A tenant by its id or its domain, as the token endpoint's path names it. */
export function findTenant(state: GraphSimState, ref: string): GraphSimTenant | undefined {
  const key = ref.toLowerCase();
  for (const t of state.tenants.values()) if (t.tenant.tenantId === key || t.tenant.domain === key) return t;
  return undefined;
}

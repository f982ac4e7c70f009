/** What the Okta simulator's routes share: the org, the credentials it accepts, the knobs, Okta's error body. */
import { hashString, SimError, type SimulatorKnobs } from '../../simulator-kit/index.js';
import type { OktaOrg, OktaSeedUser } from './seed.js';

/** Okta's rate-limit buckets the simulator meters, each per minute (Okta, "Management rate limits"). */
export type OktaBucket = 'users' | 'user' | 'apps' | 'logs';

/** The Workforce Identity column of Okta's per-minute limits for these endpoints. */
export const OKTA_WORKFORCE_LIMITS: Record<OktaBucket, number> = { users: 600, user: 2000, apps: 100, logs: 120 };

export interface OktaKnobs extends SimulatorKnobs {
  /** Requests per minute per bucket; Infinity turns a bucket off. */
  rateLimits: Record<OktaBucket, number>;
  /**
   * The API token's administrator has a role that may not view the System Log (a custom role
   * without it): GET /api/v1/logs answers 403 E0000006 to API tokens.
   */
  systemLogDenied: boolean;
}

/** Who a request is: the admin behind an API token, or a service app's OAuth access token with its scopes. */
export type OktaCaller = { kind: 'ssws'; adminId: string } | { kind: 'oauth'; clientId: string; scopes: ReadonlySet<string> };

export interface OktaSimState {
  org: OktaOrg;
  byId: Map<string, OktaSeedUser>;
  /** API tokens (sent as "SSWS <token>") -> the admin who created them. */
  apiTokens: Map<string, string>;
  /** OAuth access tokens (sent as "Bearer <token>") -> the service app and its granted scopes. */
  accessTokens: Map<string, { clientId: string; scopes: ReadonlySet<string> }>;
  clock: () => number;
  knobs: () => OktaKnobs;
  origin: () => string;
  counters: { rateLimited: number; unauthorized: number; forbidden: number };
}

let errorCount = 0;

/** Okta's error body: {"errorCode", "errorSummary", "errorLink", "errorId", "errorCauses"}. */
export function oktaErrorBody(code: string, summary: string, causes: string[] = []): unknown {
  errorCount += 1;
  const errorId = `oae${hashString(`${code}:${errorCount}`).toString(36).padStart(7, '0')}Sim${errorCount.toString(36)}`;
  return { errorCode: code, errorSummary: summary, errorLink: code, errorId, errorCauses: causes.map((errorSummary) => ({ errorSummary })) };
}

/** The code Okta uses for each status the simulator answers with. */
export function errorCodeFor(status: number): string {
  switch (status) {
    case 400:
      return 'E0000001';
    case 401:
      return 'E0000011';
    case 403:
      return 'E0000006';
    case 404:
      return 'E0000007';
    case 429:
      return 'E0000047';
    default:
      return 'E0000009';
  }
}

export const OKTA_MESSAGES = {
  invalidToken: 'Invalid token provided',
  accessDenied: 'You do not have permission to perform the requested action',
  rateLimited: 'API call exceeded rate limit due to too many requests.',
  serverError: 'Internal Server Error',
} as const;

export function indexUsers(org: OktaOrg): Map<string, OktaSeedUser> {
  return new Map(org.users.map((u) => [u.id, u]));
}

/** An Okta error with its code and causes, thrown from a route and rendered with the rate-limit headers. */
export class OktaFault extends SimError {
  constructor(
    status: number,
    summary: string,
    readonly causes: string[] = [],
    readonly code: string = errorCodeFor(status),
    headers?: Record<string, string>,
  ) {
    super(status, summary, headers);
  }
}

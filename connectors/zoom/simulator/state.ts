/**
 * The Zoom simulator's live state: accounts (each with its Server-to-Server OAuth app), the
 * access tokens the token endpoint minted, open page cursors, and the fault knobs.
 */
import type { SimulatorKnobs } from '../../simulator-kit/index.js';
import type { ZoomOrg, ZoomSeedUser, ZoomUserStatus } from './seed.js';

/** Zoom's rate-limit categories ("Rate Limit Label" of each endpoint). */
export type ZoomCategory = 'Light' | 'Medium' | 'Heavy';

export interface ZoomKnobs extends SimulatorKnobs {
  /** Requests per second per account and category (Business+ by default: 80, 60, 40). */
  qps: Record<ZoomCategory, number>;
  /** Also send Retry-After: 1 on a per-second 429 (Zoom documents only the X-RateLimit-* headers). */
  qpsRetryAfter: boolean;
  /** A daily limit per account on one category (free accounts, Heavy APIs): 429 with Retry-After. */
  dailyLimit?: { category: ZoomCategory; limit: number };
  /** 'free': the account has no paid plan, so plans/usage is refused. */
  plan: 'paid' | 'free';
}

export interface ZoomSimApp {
  clientId: string;
  clientSecret: string;
  /** The scopes added to the app in the Marketplace: every token it gets carries them. */
  scopes: string[];
}

export interface ZoomSimAccount {
  org: ZoomOrg;
  app: ZoomSimApp;
  byId: Map<string, ZoomSeedUser>;
  byEmail: Map<string, ZoomSeedUser>;
}

export interface IssuedToken {
  accountId: string;
  scopes: ReadonlySet<string>;
  expiresAt: number;
}

export interface PageCursor {
  accountId: string;
  status: ZoomUserStatus;
  position: number;
  expiresAt: number;
}

export interface ZoomSimState {
  accounts: Map<string, ZoomSimAccount>;
  tokens: Map<string, IssuedToken>;
  cursors: Map<string, PageCursor>;
  clock: () => number;
  knobs: () => ZoomKnobs;
  origin: () => string;
  counters: { rateLimited: number; tokensIssued: number; scopeRefusals: number };
}

/** Every scope the connector may use, granular and classic: what a full app has. */
export const ALL_ZOOM_SCOPES = [
  'user:read:list_users:admin',
  'user:read:user:admin',
  'user:update:user:admin',
  'billing:read:plan_usage:admin',
  'user:read:admin',
  'user:write:admin',
  'account:read:admin',
];

/** Zoom's API error body. */
export function zoomErrorBody(status: number, message: string, code?: number): { code: number; message: string } {
  return { code: code ?? status, message };
}

export function indexAccount(org: ZoomOrg, app: ZoomSimApp): ZoomSimAccount {
  const account: ZoomSimAccount = { org, app, byId: new Map(), byEmail: new Map() };
  for (const u of org.users) {
    account.byId.set(u.id, u);
    account.byEmail.set(u.email.toLowerCase(), u);
  }
  return account;
}

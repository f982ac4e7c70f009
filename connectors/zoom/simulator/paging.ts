/**
 * Zoom's paging rules for GET /users as the simulator enforces them: page_size defaults to 30
 * and goes up to 300 (a larger value is served as 300); next_page_token is opaque, "" on the
 * last page, valid for 15 minutes and only for the listing that issued it.
 */
import { randomBytes } from 'node:crypto';
import { ZoomFault } from './fault.js';
import type { ZoomSimState, PageCursor } from './state.js';
import type { ZoomUserStatus } from './seed.js';

export const ZOOM_DEFAULT_PAGE_SIZE = 30;
export const ZOOM_PAGE_SIZE_MAX = 300;
/** "The expiration period for this token is 15 minutes." */
export const ZOOM_PAGE_TOKEN_TTL_MS = 15 * 60_000;
/** Zoom's code for a bad parameter or an invalid or expired next_page_token. */
const INVALID_FIELD = 300;

export function parsePageSize(query: URLSearchParams): number {
  const raw = query.get('page_size');
  if (raw === null || raw === '') return ZOOM_DEFAULT_PAGE_SIZE;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new ZoomFault(400, INVALID_FIELD, `Invalid field: page_size ${raw}.`);
  return Math.min(n, ZOOM_PAGE_SIZE_MAX);
}

/** Where the listing continues: 0 without a token; a 400 for a token from elsewhere or too old. */
export function cursorPosition(state: ZoomSimState, query: URLSearchParams, accountId: string, status: ZoomUserStatus): number {
  const token = query.get('next_page_token');
  if (token === null || token === '') return 0;
  const cursor = state.cursors.get(token);
  if (!cursor || cursor.accountId !== accountId || cursor.status !== status || state.clock() >= cursor.expiresAt) {
    throw new ZoomFault(400, INVALID_FIELD, 'The next page token is invalid or expired.');
  }
  return cursor.position;
}

export function issueCursor(state: ZoomSimState, cursor: Omit<PageCursor, 'expiresAt'>): string {
  const now = state.clock();
  for (const [token, c] of state.cursors) if (now >= c.expiresAt) state.cursors.delete(token);
  const token = randomBytes(24).toString('base64url');
  state.cursors.set(token, { ...cursor, expiresAt: now + ZOOM_PAGE_TOKEN_TTL_MS });
  return token;
}

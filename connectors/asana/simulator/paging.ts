/**
 * Asana's paging rules as the simulator enforces them: `limit` 1..100 (400 otherwise),
 * opaque offset tokens valid only for the listing that issued them, and next_page present
 * only when the request sent a limit.
 */
import { SimError } from '../../simulator-kit/index.js';

export interface NextPage {
  offset: string;
  path: string;
  uri: string;
}

/** The page size asked for, or undefined when the request sent no limit. */
export function parseLimit(query: URLSearchParams): number | undefined {
  const raw = query.get('limit');
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new SimError(400, 'limit: Number must be between 1 and 100');
  return n;
}

export function encodeOffset(scope: string, position: number): string {
  return Buffer.from(JSON.stringify({ s: scope, p: position })).toString('base64url');
}

/** Position encoded in the request's offset (0 without one); 400 for a token from elsewhere. */
export function decodeOffset(query: URLSearchParams, scope: string): number {
  const raw = query.get('offset');
  if (raw === null) return 0;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 's' in value && 'p' in value) {
      if (value.s === scope && typeof value.p === 'number' && Number.isInteger(value.p) && value.p >= 0) return value.p;
    }
  } catch {
    // falls through to the vendor's error
  }
  throw new SimError(400, 'offset: Your pagination token is invalid or has expired.');
}

/** next_page for a listing: the same query (filters, limit, opt_fields) with the new offset. */
export function nextPage(origin: string, basePath: string, path: string, query: URLSearchParams, offset: string): NextPage {
  const next = new URLSearchParams(query);
  next.set('offset', offset);
  const rel = `${path}?${next.toString()}`;
  return { offset, path: rel, uri: `${origin}${basePath}${rel}` };
}

/**
 * Calendly's list conventions for the simulator: `count` (1..max, default 20; out of range is
 * Calendly's 400 with details), an opaque `page_token`, and the `pagination` object with
 * full next/previous URLs and their tokens.
 */
import { hashString, json, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';

export interface PageWindow {
  count: number;
  offset: number;
}

/** Calendly's 400 for bad parameters: {"title","message","details":[{"parameter","message"}]}. */
export function invalidArgument(parameter: string, message: string): SimResponse {
  return json(400, {
    title: 'Invalid Argument',
    message: 'The supplied parameters are invalid.',
    details: [{ parameter, message }],
  });
}

/** Reads count and page_token, or answers the 400 Calendly would. `seen` records each count asked for. */
export function pageWindow(req: SimRequest, max: number, seen?: (count: number) => void): PageWindow | SimResponse {
  const rawCount = req.query.get('count');
  let count = 20;
  if (rawCount !== null) {
    count = Number(rawCount);
    if (Number.isFinite(count)) seen?.(count);
    if (!/^\d+$/.test(rawCount.trim())) return invalidArgument('count', 'must be an integer');
    if (count < 1) return invalidArgument('count', 'must be greater than or equal to 1');
    if (count > max) return invalidArgument('count', `must be less than or equal to ${max}`);
  }
  const token = req.query.get('page_token');
  if (token === null || token === '') return { count, offset: 0 };
  const offset = decodeToken(token, req.path);
  return offset === undefined ? invalidArgument('page_token', 'is invalid') : { count, offset };
}

export interface Pagination {
  count: number;
  next_page: string | null;
  previous_page: string | null;
  next_page_token: string | null;
  previous_page_token: string | null;
}

/** One page of `items` with Calendly's pagination object; page URLs point back at this server. */
export function paginate<T>(req: SimRequest, items: readonly T[], window: PageWindow): { collection: T[]; pagination: Pagination } {
  const collection = items.slice(window.offset, window.offset + window.count);
  const nextOffset = window.offset + window.count;
  const next = nextOffset < items.length ? encodeToken(nextOffset, req.path) : null;
  const previous = window.offset > 0 ? encodeToken(Math.max(0, window.offset - window.count), req.path) : null;
  return {
    collection,
    pagination: {
      count: collection.length,
      next_page: next && pageUrl(req, next, window.count),
      previous_page: previous && pageUrl(req, previous, window.count),
      next_page_token: next,
      previous_page_token: previous,
    },
  };
}

function pageUrl(req: SimRequest, token: string, count: number): string {
  const params = new URLSearchParams(req.query);
  params.set('count', String(count));
  params.set('page_token', token);
  return `http://${req.headers.host ?? '127.0.0.1'}${req.path}?${params.toString()}`;
}

/** Opaque to clients, checked here: a made-up or edited token is Calendly's 400, not page one. */
function encodeToken(offset: number, path: string): string {
  return Buffer.from(`${offset}.${hashString(`calendly-page:${path}:${offset}`).toString(36)}`).toString('base64url');
}

function decodeToken(token: string, path: string): number | undefined {
  const [rawOffset, check] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  if (!rawOffset || !/^\d+$/.test(rawOffset)) return undefined;
  const offset = Number(rawOffset);
  return check === hashString(`calendly-page:${path}:${offset}`).toString(36) ? offset : undefined;
}

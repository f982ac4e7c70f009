/**
 * Okta's paging as the simulator serves it: `limit` per endpoint, an opaque `after` cursor, and
 * the next page only as a Link header (`<...>; rel="next"`) next to rel="self". Okta sends one
 * Link header per relation; the simulator joins them with ", ", which is what a client's fetch
 * sees either way. Next links point at `knobs.nextLinkOrigin` when a test sets it (a hostile
 * vendor), otherwise at the simulator itself.
 */
import type { SimRequest } from '../../simulator-kit/index.js';
import { OktaFault, type OktaSimState } from './state.js';

export interface LimitRule {
  /** Used when `limit` is absent. */
  fallback: number;
  min: number;
  max: number;
  /** 'cap': a larger value is served as `max` (users, apps). 'reject': Okta's 400 (the System Log). */
  over: 'cap' | 'reject';
}

export const USERS_LIMIT: LimitRule = { fallback: 200, min: 1, max: 200, over: 'cap' };
export const APPS_LIMIT: LimitRule = { fallback: 200, min: 1, max: 200, over: 'cap' };
export const APP_USERS_LIMIT: LimitRule = { fallback: 50, min: 1, max: 500, over: 'reject' };
export const LOGS_LIMIT: LimitRule = { fallback: 100, min: 0, max: 1000, over: 'reject' };

export function parseLimit(query: URLSearchParams, rule: LimitRule): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return rule.fallback;
  const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < rule.min || (n > rule.max && rule.over === 'reject')) {
    throw new OktaFault(400, 'Api validation failed: limit', [`limit: must be an integer between ${rule.min} and ${rule.max}, not ${raw}.`]);
  }
  return Math.min(n, rule.max);
}

function linkTo(state: OktaSimState, req: SimRequest, after: string | undefined): string {
  const origin = state.knobs().nextLinkOrigin ?? state.origin();
  const query = new URLSearchParams(req.query);
  if (after === undefined) query.delete('after');
  else query.set('after', after);
  const qs = query.toString().replace(/\+/g, '%20');
  return `${origin}${req.path}${qs ? `?${qs}` : ''}`;
}

/** The Link header: rel="self" for this request, rel="next" with the cursor when there is one. */
export function linkHeader(state: OktaSimState, req: SimRequest, after: string | undefined): Record<string, string> {
  const self = `${state.origin()}${req.path}${req.url.search}`;
  const links = [`<${self}>; rel="self"`];
  if (after !== undefined) links.push(`<${linkTo(state, req, after)}>; rel="next"`);
  return { link: links.join(', ') };
}

/**
 * Listings keyed by id (users, apps, assignments): the cursor is the last id served, and the
 * next page starts after it, as Okta's `after=00u...` links do.
 */
export function pageById<T>(items: readonly T[], idOf: (item: T) => string, after: string | null, limit: number): { page: T[]; next?: string } {
  let start = 0;
  if (after !== null && after !== '') {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (idOf(items[mid] as T) <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  return start + limit < items.length && last !== undefined ? { page, next: idOf(last) } : { page };
}

/**
 * Calendly token paging: follow `pagination.next_page_token` until it is null. Every loop
 * runs through a PageGuard. `next_page` (a full URL) is deliberately not followed: the
 * request always goes to the configured base URL, so a response can never send the bearer
 * token to another host.
 */
import type { z } from 'zod';
import type { HttpClient, HttpRequest } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import { collectionSchema, parseCalendly } from './api.js';

/** Calendly's `count` is 1..100 on these lists; more is a 400. */
export const CALENDLY_PAGE_SIZE = 100;

export interface PageRequest<T extends z.ZodType> {
  http: HttpClient;
  request: HttpRequest;
  item: T;
  /** For messages: "organization memberships". */
  what: string;
  /** Turns an accepted status (request.acceptStatus) into the error to throw; `page` is 0-based. */
  onAccepted?: (status: number, body: unknown, page: number) => Error;
  /** Sees every answer's headers (the rate-limit budget reads X-RateLimit-Remaining). */
  onResponse?: (headers: Headers) => void;
  signal?: AbortSignal;
}

export async function* calendlyPages<T extends z.ZodType>(options: PageRequest<T>): AsyncGenerator<Array<z.infer<T>>> {
  const { http, request, item, what } = options;
  const guard = new PageGuard({ vendorName: 'Calendly', what });
  const schema = collectionSchema(item);
  const label = `${request.method ?? 'GET'} ${request.url}`;
  let token: string | undefined;
  for (let page = 0; ; page++) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', `Listing Calendly ${what} was cancelled.`);
    guard.next(token);
    const res = await http.request({ ...request, query: { ...request.query, page_token: token } });
    options.onResponse?.(res.headers);
    if (request.acceptStatus?.includes(res.status)) {
      throw options.onAccepted?.(res.status, res.body, page) ?? new ConnectorError('bad_request', `Calendly answered HTTP ${res.status} (${label}).`);
    }
    const body = parseCalendly(schema, res.body, label);
    if (body.collection.length > 0) yield body.collection;
    const next = body.pagination.next_page_token ?? tokenFromUrl(body.pagination.next_page);
    if (!next) return;
    token = next;
  }
}

/** Older answers may carry only `next_page`; its page_token is all we take from it. */
function tokenFromUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).searchParams.get('page_token') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Graph's server-driven paging: the first request carries the query, every later one is the
 * `@odata.nextLink` of the page before, verbatim (it holds the $skiptoken and the query), until
 * a page has none. The link comes from the vendor's answer, so it goes through ctx.http like
 * any request: the client refuses it unless it is on the connection's own origin. Every loop
 * runs through a PageGuard; a page longer than $top, or an object listed twice, stops the
 * listing instead of inflating the seat count.
 */
import type { z } from 'zod';
import type { HttpClient, HttpRequest } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import { collectionSchema, parseGraph } from './schemas.js';

export interface GraphPagesRequest<T extends z.ZodType> {
  http: HttpClient;
  /** The first page: a path under the base URL and its query ($select, $top, $filter). */
  request: HttpRequest;
  item: T;
  /** For messages: "users". */
  what: string;
  /** The $top asked for: a longer page is a vendor fault. */
  top?: number;
  /** A stable key per object, to catch one listed twice (the object id). */
  key?: (item: z.infer<T>) => string;
  /** Turns an accepted status (request.acceptStatus) into the error to throw. */
  onAccepted?: (status: number, body: unknown) => Error;
  signal?: AbortSignal;
}

export async function* graphPages<T extends z.ZodType>(options: GraphPagesRequest<T>): AsyncGenerator<Array<z.infer<T>>> {
  const { http, request, item, what } = options;
  const guard = new PageGuard({ vendorName: 'Microsoft Graph', what });
  const schema = collectionSchema(item);
  const label = `${request.method ?? 'GET'} ${request.url}`;
  const seen = options.key ? new Set<string>() : undefined;
  let next: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', `Listing ${what} from Microsoft Graph was cancelled.`);
    guard.next(next);
    const res = await http.request(next === undefined ? request : { ...request, url: next, query: undefined });
    if (request.acceptStatus?.includes(res.status) && options.onAccepted) throw options.onAccepted(res.status, res.body);
    const page = parseGraph(schema, res.body, label);
    const items = page.value as Array<z.infer<T>>;
    if (options.top !== undefined && items.length > options.top) {
      throw new ConnectorError(
        'malformed',
        `Microsoft Graph returned ${items.length} ${what} in one page (${label}) when Seatwise asked for at most ${options.top}; stopped instead of trusting the listing.`,
      );
    }
    if (seen && options.key) {
      for (const one of items) {
        const key = options.key(one);
        if (seen.has(key)) {
          throw new ConnectorError(
            'malformed',
            `Microsoft Graph listed the same object twice while listing ${what} (${label}, page ${guard.pages}); stopped instead of counting it twice. Try again later.`,
          );
        }
        seen.add(key);
      }
    }
    if (items.length > 0) yield items;
    const link = page['@odata.nextLink']?.trim();
    if (!link) return;
    next = link;
  }
}

/**
 * Okta's cursor paging: the first page from a path, then the Link header's rel="next" URL,
 * followed as an opaque value (Okta: "follow it, don't parse it") until a page has none. The
 * HTTP client refuses a next link off the connection's origin; every loop runs through a
 * PageGuard, so a link that comes back twice ends the run instead of looping.
 */
import type { z } from 'zod';
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import { parseOkta } from './api.js';
import { nextLink } from './link-header.js';

export interface OktaPageRequest<T extends z.ZodType> {
  http: HttpClient;
  /** The first page: a path with its query, from oktaPath(). */
  first: string;
  item: T;
  /** For messages: "users". */
  what: string;
  /** The page size asked for: a longer page is a vendor fault, not more seats. */
  limit: number;
  /**
   * The System Log: a polling query (no `until`) always carries a next link, so an empty page
   * ends the listing too. Seatwise always sends `until`; this only guards against the loop.
   */
  stopOnEmpty?: boolean;
  /** Statuses handed to onAccepted instead of thrown (a 403 on the System Log). */
  acceptStatus?: number[];
  onAccepted?: (status: number, body: unknown) => Error;
  signal?: AbortSignal;
}

export async function* oktaPages<T extends z.ZodType>(options: OktaPageRequest<T>): AsyncGenerator<Array<z.infer<T>>> {
  const { http, item, what } = options;
  const guard = new PageGuard({ vendorName: 'Okta', what });
  const schema = item.array();
  const path = options.first.split('?')[0] ?? options.first;
  const label = `GET ${path}`;
  const base = http.baseUrl.replace(/\/+$/, '');
  let url: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', `Listing Okta ${what} was cancelled.`);
    guard.next(url);
    const requested = url ?? `${base}${options.first}`;
    const res = await http.request({ url: requested, acceptStatus: options.acceptStatus });
    if (options.acceptStatus?.includes(res.status) && options.onAccepted) throw options.onAccepted(res.status, res.body);
    const page = parseOkta(schema, res.body, label);
    if (page.length > options.limit) {
      throw new ConnectorError(
        'malformed',
        `Okta returned ${page.length} ${what} in one page (${label}) when Seatwise asked for at most ${options.limit}; stopped instead of trusting the listing.`,
      );
    }
    if (page.length > 0) yield page;
    if (options.stopOnEmpty && page.length === 0) return;
    const next = nextLink(res.headers.get('link'), requested, label);
    if (!next) return;
    url = next;
  }
}

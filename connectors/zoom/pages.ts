/**
 * Zoom's next_page_token paging for GET /users: the same query with the token of the last
 * page until it comes back empty. Every loop runs through a PageGuard; a page larger than the
 * page size asked for, or a user listed twice, is a vendor fault that stops the listing
 * instead of inflating the seat count.
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import { parseZoom, userPageSchema, ZOOM_MAX_PAGE_SIZE, type ZoomUser } from './api.js';

export interface UserPagesRequest {
  http: HttpClient;
  status: 'active' | 'inactive' | 'pending';
  pageSize?: number;
  signal?: AbortSignal;
  /** Told after each page: Zoom's total_records, when it says. */
  onPage?: (info: { totalRecords?: number }) => void;
}

export async function* zoomUserPages(options: UserPagesRequest): AsyncGenerator<ZoomUser[]> {
  const { http, status } = options;
  const pageSize = Math.min(ZOOM_MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? ZOOM_MAX_PAGE_SIZE)));
  const guard = new PageGuard({ vendorName: 'Zoom', what: 'users' });
  const seen = new Set<string>();
  const label = 'GET /users';
  let token: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', 'Listing Zoom users was cancelled.');
    guard.next(token);
    const res = await http.request({ url: '/users', query: { status, page_size: pageSize, next_page_token: token } });
    const page = parseZoom(userPageSchema, res.body, label);
    if (page.users.length > pageSize) {
      throw new ConnectorError(
        'malformed',
        `Zoom returned ${page.users.length} users in one page (${label}) when Seatwise asked for at most ${pageSize}; stopped instead of trusting the listing.`,
      );
    }
    for (const u of page.users) {
      if (seen.has(u.id)) {
        throw new ConnectorError('malformed', `Zoom listed the same user twice while listing users (${label}, page ${guard.pages}); stopped instead of counting a seat twice. Try again later.`);
      }
      seen.add(u.id);
    }
    options.onPage?.({ totalRecords: page.total_records });
    if (page.users.length > 0) yield page.users;
    const next = page.next_page_token?.trim();
    if (!next) return;
    token = next;
  }
}

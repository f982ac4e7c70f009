/**
 * GitHub's Link-header paging for GET /orgs/{org}/copilot/billing/seats ("Using pagination in
 * the REST API"): follow rel="next" until it is gone. Every loop runs through a PageGuard; the
 * next link is GitHub's answer, so the HTTP client checks its origin before a byte is sent. A
 * page larger than asked for, or a seat listed twice, is a vendor fault that stops the
 * listing instead of inflating the seat count.
 */
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import { GITHUB_MAX_PAGE_SIZE, parseGithub, seatsPageSchema, type GithubSeat } from './api.js';
import type { GithubApi } from './request.js';

export const SEATS_LABEL = 'GET /orgs/{org}/copilot/billing/seats';

/** The rel="next" target of a Link header, or undefined on the last page. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rel = /\brel\s*=\s*"?([^";]*)"?/i.exec(match[2] ?? '')?.[1] ?? '';
    if (rel.split(/\s+/).includes('next') && match[1]) return match[1];
  }
  return undefined;
}

export interface SeatPagesRequest {
  api: GithubApi;
  org: string;
  pageSize?: number;
  signal?: AbortSignal;
  /** Told after each page: GitHub's total_seats, when it says. */
  onPage?: (info: { totalSeats?: number }) => void;
}

export async function* seatPages(options: SeatPagesRequest): AsyncGenerator<GithubSeat[]> {
  const { org } = options;
  const pageSize = Math.min(GITHUB_MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? GITHUB_MAX_PAGE_SIZE)));
  const guard = new PageGuard({ vendorName: 'GitHub', what: 'Copilot seats' });
  const seen = new Set<number>();
  let url = `/orgs/${encodeURIComponent(org)}/copilot/billing/seats`;
  let query: Record<string, number> | undefined = { per_page: pageSize };
  let cursor: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', 'Listing GitHub Copilot seats was cancelled.');
    guard.next(cursor);
    const res = await options.api.request({ url, query, label: SEATS_LABEL });
    const page = parseGithub(seatsPageSchema, res.body, SEATS_LABEL);
    if (page.seats.length > pageSize) {
      throw new ConnectorError(
        'malformed',
        `GitHub returned ${page.seats.length} seats in one page (${SEATS_LABEL}) when Seatwise asked for at most ${pageSize}; stopped instead of trusting the listing.`,
      );
    }
    for (const seat of page.seats) {
      const id = seat.assignee?.id;
      if (id === undefined) continue;
      if (seen.has(id)) {
        throw new ConnectorError('malformed', `GitHub listed the same Copilot seat twice (${SEATS_LABEL}, page ${guard.pages}); stopped instead of counting a seat twice. Try again later.`);
      }
      seen.add(id);
    }
    options.onPage?.({ totalSeats: page.total_seats });
    // GitHub answers a page past the last with no seats: nothing more can follow it.
    if (page.seats.length === 0) return;
    yield page.seats;
    const next = nextLink(res.headers.get('link'));
    if (!next) return;
    url = next;
    query = undefined;
    cursor = next;
  }
}

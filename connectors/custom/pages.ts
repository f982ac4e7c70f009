/**
 * The generic paginator of the custom connector: one loop per pagination style, each through
 * a PageGuard, each page checked to hold a list where the configuration says.
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import type { Pagination } from './config.js';
import { getPath } from './paths.js';

export interface ListRequest {
  http: HttpClient;
  vendorName: string;
  /** For messages: "users". */
  what: string;
  path: string;
  query?: Record<string, string | number | undefined>;
  pagination: Pagination;
  itemsPath?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Stop after the first page (probes, connection tests). */
  firstPageOnly?: boolean;
}

type Query = Record<string, string | number | undefined>;
type Item = Record<string, unknown>;

export async function* customPages(req: ListRequest): AsyncGenerator<Item[]> {
  const { http, pagination: p } = req;
  const guard = new PageGuard({ vendorName: req.vendorName, what: req.what });
  const label = `GET ${req.path}`;
  const baseQuery: Query = { ...req.query };

  const fetchPage = async (url: string, query: Query | undefined) => {
    if (req.signal?.aborted) throw new ConnectorError('cancelled', `Listing ${req.vendorName} ${req.what} was cancelled.`);
    const res = await http.request({ url, query, headers: req.headers });
    return { body: res.body, headers: res.headers };
  };
  const items = (body: unknown, total?: number): Item[] => extractItems(body, req.itemsPath, req.vendorName, label, total);
  const size = (param: string | undefined): Query => (param ? { [param]: p.pageSize } : {});

  switch (p.style) {
    case 'offset': {
      let offset = 0;
      for (;;) {
        guard.next(offset);
        const { body } = await fetchPage(req.path, { ...baseQuery, [p.offsetParam]: offset, [p.limitParam]: p.pageSize });
        const total = p.totalPath ? readTotal(body, p.totalPath, req.vendorName, label) : undefined;
        const page = items(body, total);
        if (page.length === 0) return;
        yield page;
        offset += page.length;
        if (req.firstPageOnly || (total !== undefined && offset >= total)) return;
      }
    }
    case 'page': {
      let number: number = p.firstPage;
      let seen = 0;
      for (;;) {
        guard.next(number);
        const { body } = await fetchPage(req.path, { ...baseQuery, [p.pageParam]: number, ...size(p.sizeParam) });
        const total = p.totalPath ? readTotal(body, p.totalPath, req.vendorName, label) : undefined;
        const page = items(body, total);
        if (page.length === 0) return;
        yield page;
        seen += page.length;
        if (req.firstPageOnly || (total !== undefined && seen >= total)) return;
        number += 1;
      }
    }
    case 'startIndex': {
      let start = 1;
      for (;;) {
        guard.next(start);
        const { body } = await fetchPage(req.path, { ...baseQuery, [p.startIndexParam]: start, [p.countParam]: p.pageSize });
        const total = readTotal(body, p.totalPath, req.vendorName, label);
        const page = items(body, total);
        const echoed = getPath(body, p.startIndexParam);
        if (typeof echoed === 'number' && echoed !== start && page.length > 0) {
          // A server ignoring startIndex would hand back the first page again and again.
          throw new ConnectorError('malformed', `${req.vendorName} answered ${p.startIndexParam} ${echoed} when asked for ${start} (${label}); stopped rather than list users twice.`);
        }
        if (page.length === 0) return;
        yield page;
        // A server may return fewer than count: advance by what came back.
        start += page.length;
        if (req.firstPageOnly || (total !== undefined && start > total)) return;
      }
    }
    case 'cursor': {
      let next: string | undefined;
      for (;;) {
        guard.next(next);
        const link = next !== undefined && isLink(next);
        const { body } = link
          ? await fetchPage(resolveLink(next as string, http.baseUrl), undefined)
          : await fetchPage(req.path, { ...baseQuery, ...(next !== undefined ? { [p.cursorParam]: next } : {}), ...size(p.sizeParam) });
        const page = items(body);
        if (page.length > 0) yield page;
        const raw = getPath(body, p.nextPath);
        if (req.firstPageOnly || raw === undefined || raw === null || raw === '' || raw === false) return;
        if (typeof raw !== 'string' && typeof raw !== 'number') {
          throw new ConnectorError('malformed', `${req.vendorName} returned an unexpected response (${label}): ${p.nextPath} is not a cursor or link.`);
        }
        next = String(raw);
      }
    }
    case 'link': {
      let url: string | undefined;
      for (;;) {
        guard.next(url);
        const { body, headers } = url
          ? await fetchPage(url, undefined)
          : await fetchPage(req.path, { ...baseQuery, ...size(p.sizeParam) });
        const page = items(body);
        if (page.length > 0) yield page;
        const nextLink = nextFromLinkHeader(headers.get('link'));
        if (req.firstPageOnly || !nextLink) return;
        url = resolveLink(nextLink, http.baseUrl);
      }
    }
  }
}

function isLink(value: string): boolean {
  return /^https?:\/\//i.test(value) || value.startsWith('/');
}

/** A next link as a full URL: absolute links as they are, `/path?x` against the base URL's origin. */
function resolveLink(link: string, baseUrl: string): string {
  try {
    return new URL(link, baseUrl).toString();
  } catch {
    return link;
  }
}

/** RFC 8288: `<https://x/users?page=2>; rel="next", <...>; rel="last"`. */
export function nextFromLinkHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? '');
    if (rel?.[1]?.split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}

function readTotal(body: unknown, path: string, vendor: string, label: string): number | undefined {
  const raw = getPath(body, path);
  if (raw === undefined || raw === null) return undefined;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n) || n < 0) throw new ConnectorError('malformed', `${vendor} returned an unexpected response (${label}): ${path} is not a count.`);
  return n;
}

function extractItems(body: unknown, itemsPath: string | undefined, vendor: string, label: string, total?: number): Item[] {
  if (typeof body !== 'object' || body === null) {
    throw new ConnectorError('malformed', `${vendor} returned an unexpected response (${label}): the body is not a JSON object or list.`);
  }
  const list = itemsPath ? getPath(body, itemsPath) : body;
  // SCIM omits Resources when totalResults is 0.
  if (list === undefined && total === 0) return [];
  if (!Array.isArray(list)) {
    throw new ConnectorError('malformed', `${vendor} returned an unexpected response (${label}): ${itemsPath || 'body'} is missing or not a list.`);
  }
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new ConnectorError('malformed', `${vendor} returned an unexpected response (${label}): an entry of ${itemsPath || 'body'} is not an object.`);
    }
  }
  return list as Item[];
}

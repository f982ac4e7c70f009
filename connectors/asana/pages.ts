/**
 * Asana offset paging: follow next_page.offset until it is null, or, for streams (the audit
 * log keeps returning next_page), until a page comes back empty. Every loop runs through a
 * PageGuard.
 *
 * The cursor is the only thing the next request needs, so it is read from the page first and
 * the next page is asked for at once; checking this page against its schema and using it (the
 * caller's work while the generator waits at `yield`) then happen while that request is on its
 * way, and a listing takes its pages x the vendor's time to answer, not that plus our own work
 * per page. A page that fails its check ends the run, whose signal stops the request ahead;
 * a caller that reads only the first page turns this off (`prefetch: false`), so a listing
 * never asks for a page nobody reads.
 */
import type { z } from 'zod';
import type { HttpClient, HttpRequest, HttpResponse } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import { listSchema, parseAsana } from './api.js';

export interface PageRequest<T extends z.ZodType> {
  http: HttpClient;
  request: HttpRequest;
  item: T;
  /** For messages: "workspace memberships". */
  what: string;
  /** The audit log is a stream: stop on the first empty page instead of on next_page null. */
  stream?: boolean;
  /** Turns an accepted status (request.acceptStatus) into the error to throw. */
  onAccepted?: (status: number, body: unknown) => Error;
  signal?: AbortSignal;
  /** False: ask for a page only once the last one was used (a caller that reads only the first). */
  prefetch?: boolean;
}

/** next_page.offset as the page has it, when it is a cursor at all; the schema checks it again. */
function offsetOf(body: unknown): string | undefined {
  const next = (body as { next_page?: { offset?: unknown } } | null)?.next_page;
  return next && typeof next === 'object' && typeof next.offset === 'string' && next.offset !== '' ? next.offset : undefined;
}

const isEmptyPage = (body: unknown): boolean => Array.isArray((body as { data?: unknown } | null)?.data) && (body as { data: unknown[] }).data.length === 0;

export async function* asanaPages<T extends z.ZodType>(options: PageRequest<T>): AsyncGenerator<Array<z.infer<T>>> {
  const { http, request, item, what } = options;
  const guard = new PageGuard({ vendorName: 'Asana', what });
  const schema = listSchema(item);
  const label = `${request.method ?? 'GET'} ${request.url}`;
  const ask = (offset: string | undefined): Promise<HttpResponse> => {
    guard.next(offset);
    const response = http.request({ ...request, query: { ...request.query, offset } });
    // Awaited below, or dropped when the listing ends before it (its failure then says nothing new).
    response.catch(() => undefined);
    return response;
  };
  let current = ask(undefined);
  for (;;) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', `Listing Asana ${what} was cancelled.`);
    const res = await current;
    if (request.acceptStatus?.includes(res.status) && options.onAccepted) throw options.onAccepted(res.status, res.body);
    const cursor = offsetOf(res.body);
    const ahead = cursor && options.prefetch !== false && !(options.stream && isEmptyPage(res.body)) ? ask(cursor) : undefined;
    const page = parseAsana(schema, res.body, label);
    if (options.stream && page.data.length === 0) return;
    if (page.data.length > 0) yield page.data;
    const next = page.next_page?.offset;
    if (!next) return;
    current = ahead ?? ask(next);
  }
}

/**
 * Asana offset paging: follow next_page.offset until it is null, or, for streams (the audit
 * log keeps returning next_page), until a page comes back empty. Every loop runs through a
 * PageGuard.
 */
import type { z } from 'zod';
import type { HttpClient, HttpRequest } from '../http/client.js';
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
}

export async function* asanaPages<T extends z.ZodType>(options: PageRequest<T>): AsyncGenerator<Array<z.infer<T>>> {
  const { http, request, item, what } = options;
  const guard = new PageGuard({ vendorName: 'Asana', what });
  const schema = listSchema(item);
  const label = `${request.method ?? 'GET'} ${request.url}`;
  let offset: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', `Listing Asana ${what} was cancelled.`);
    guard.next(offset);
    const res = await http.request({ ...request, query: { ...request.query, offset } });
    if (request.acceptStatus?.includes(res.status) && options.onAccepted) throw options.onAccepted(res.status, res.body);
    const page = parseAsana(schema, res.body, label);
    if (options.stream && page.data.length === 0) return;
    if (page.data.length > 0) yield page.data;
    const next = page.next_page?.offset;
    if (!next) return;
    offset = next;
  }
}

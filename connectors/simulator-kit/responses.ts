/**
 * What a simulator route returns: a plain value the server writes, so the fault knobs can
 * rewrite an answer (a malformed page, a 500) after the route ran, in one place.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment by the router. */
  path: string;
  url: URL;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON or form body, or undefined when there was none. */
  body: unknown;
  rawBody: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `raw` is set. */
  body?: unknown;
  /** Sent verbatim (with `contentType`) instead of JSON. */
  raw?: string;
  contentType?: string;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

export function text(status: number, raw: string, contentType = 'text/plain; charset=utf-8'): SimResponse {
  return { status, raw, contentType };
}

export function empty(status = 204): SimResponse {
  return { status, raw: '' };
}

/** Throw from a route to answer with the vendor's own error shape (see SimulatorOptions.errorBody). */
export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * SOQL through the REST query resource: the first page from /query?q=..., the rest by
 * following nextRecordsUrl until done. Every loop runs through a PageGuard, so a query
 * locator that repeats ends the run instead of spinning.
 */
import type { z } from 'zod';
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { PageGuard } from '../http/paging.js';
import { parseSalesforce, QUERY_PATH, queryResultSchema } from './api.js';
import { sfRequest } from './sf-request.js';

/** Salesforce's largest batch: the fewest round trips, and the fewest calls against the daily allowance. */
export const QUERY_BATCH_SIZE = 2000;

export interface QueryOptions<T extends z.ZodType> {
  http: HttpClient;
  soql: string;
  item: T;
  /** For messages: "users". */
  what: string;
  signal?: AbortSignal;
  batchSize?: number;
}

export interface QueryPage<T> {
  records: T[];
  totalSize: number;
}

export async function* soqlPages<T extends z.ZodType>(options: QueryOptions<T>): AsyncGenerator<QueryPage<z.infer<T>>> {
  const { http, soql, item, what } = options;
  const guard = new PageGuard({ vendorName: 'Salesforce', what });
  const schema = queryResultSchema(item);
  const headers = { 'Sforce-Query-Options': `batchSize=${options.batchSize ?? QUERY_BATCH_SIZE}` };
  let next: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new ConnectorError('cancelled', `Listing Salesforce ${what} was cancelled.`);
    guard.next(next);
    const res = next
      ? await sfRequest(http, { url: next, headers })
      : await sfRequest(http, { url: QUERY_PATH, query: { q: soql }, headers });
    const label = next ? `GET ${QUERY_PATH}/{locator}` : `GET ${QUERY_PATH}`;
    const page = parseSalesforce(schema, res.body, label);
    if (page.records.length > 0) yield { records: page.records, totalSize: page.totalSize };
    if (page.done) return;
    if (!page.nextRecordsUrl) {
      throw new ConnectorError('malformed', `Salesforce said more ${what} follow but sent no nextRecordsUrl (${label}).`);
    }
    next = page.nextRecordsUrl;
  }
}

/** One page, for probes: the query must end in LIMIT so nothing is left open. */
export async function soqlFirstPage<T extends z.ZodType>(options: QueryOptions<T>): Promise<QueryPage<z.infer<T>>> {
  const res = await sfRequest(options.http, { url: QUERY_PATH, query: { q: options.soql } });
  const page = parseSalesforce(queryResultSchema(options.item), res.body, `GET ${QUERY_PATH}`);
  return { records: page.records, totalSize: page.totalSize };
}

/**
 * Every connector request goes through here: the client hands 403s back instead of throwing,
 * so a REQUEST_LIMIT_EXCEEDED can quote the org's usage from the response's Sforce-Limit-Info
 * header (the client's classify hook sees the body only). Other 403s become the client's
 * usual 'forbidden' error.
 */
import type { HttpClient, HttpRequest, HttpResponse } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { salesforceErrorMessage } from './api.js';
import { isRequestLimitExceeded, limitExceededError } from './limits.js';

export async function sfRequest<T = unknown>(http: HttpClient, req: HttpRequest): Promise<HttpResponse<T>> {
  const callerAccepts403 = req.acceptStatus?.includes(403) ?? false;
  const res = await http.request<T>({ ...req, acceptStatus: [...(req.acceptStatus ?? []), 403] });
  if (res.status !== 403) return res;
  if (isRequestLimitExceeded(res.status, res.body)) throw limitExceededError(res.body, res.headers);
  if (callerAccepts403) return res;
  const message = salesforceErrorMessage(res.body) ?? 'HTTP 403';
  throw new ConnectorError(
    'forbidden',
    `Salesforce refused the request (${requestLabel(req)}): ${message}. The connected user may lack the permission this needs.`,
    { status: 403, vendorMessage: message },
  );
}

/** "GET /services/data/v62.0/query": method and path only, never the query string. */
export function requestLabel(req: Pick<HttpRequest, 'method' | 'url'>): string {
  let path = req.url;
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      // keep the raw value: the client reports the invalid URL itself
    }
  }
  return `${req.method ?? 'GET'} ${path.split('?')[0]}`;
}

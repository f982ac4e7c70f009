/**
 * Reclaim and undo calls from templates: `{id}` and `{email}` in the path (URL-encoded) and in
 * every string of the JSON body (verbatim).
 */
import type { SeatRecord, VendorCall } from '../types.js';
import type { CallTemplate } from './config.js';

function fill(text: string, seat: SeatRecord, encode: boolean): string {
  const enc = (v: string): string => (encode ? encodeURIComponent(v) : v);
  return text.replaceAll('{id}', enc(seat.reclaimRef ?? seat.userId)).replaceAll('{email}', enc(seat.email));
}

function fillBody(body: unknown, seat: SeatRecord): unknown {
  if (typeof body === 'string') return fill(body, seat, false);
  if (Array.isArray(body)) return body.map((v) => fillBody(v, seat));
  if (typeof body === 'object' && body !== null) {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, fillBody(v, seat)]));
  }
  return body;
}

export function planCall(template: CallTemplate, seat: SeatRecord, baseUrl: string): VendorCall {
  const path = fill(template.path, seat, true);
  const url = /^https?:\/\//i.test(path) ? path : `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  const call: VendorCall = { method: template.method, url };
  if (template.body !== undefined) call.body = fillBody(template.body, seat);
  return call;
}

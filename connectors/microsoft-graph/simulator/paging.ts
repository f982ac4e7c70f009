/**
 * Graph's server-driven paging as the simulator serves it: $top asks for a page size (each
 * endpoint has its own default and maximum), a page that is not the last carries
 * @odata.nextLink, the same request with an opaque $skiptoken, and the link is followed verbatim.
 * A $skiptoken from another listing is refused.
 */
import type { SimRequest } from '../../simulator-kit/index.js';
import { GraphFault, type GraphSimState } from './state.js';

export interface PageSpec {
  /** Used without $top. */
  defaultSize: number;
  maxSize: number;
}

export function parseTop(req: SimRequest, spec: PageSpec): number {
  const raw = req.query.get('$top');
  if (raw === null || raw === '') return spec.defaultSize;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > spec.maxSize) {
    throw new GraphFault(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${raw}'. Must be between 1 and ${spec.maxSize} inclusive.`);
  }
  return n;
}

/** The listing a $skiptoken belongs to: endpoint, tenant and every query option but the token. */
function scopeOf(req: SimRequest, tenantId: string): string {
  const parts = [...req.query.entries()].filter(([k]) => k !== '$skiptoken').sort(([a], [b]) => a.localeCompare(b));
  return `${req.path}|${tenantId}|${JSON.stringify(parts)}`;
}

export function startPosition(req: SimRequest, tenantId: string): number {
  const token = req.query.get('$skiptoken');
  if (token === null) return 0;
  let decoded: { s?: unknown; p?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; p?: unknown };
  } catch {
    decoded = {};
  }
  if (decoded.s !== scopeOf(req, tenantId) || typeof decoded.p !== 'number' || !Number.isInteger(decoded.p) || decoded.p < 0) {
    throw new GraphFault(400, 'Directory_InvalidSkipToken', 'The specified page token value has expired or is invalid.');
  }
  return decoded.p;
}

/** One page of `items` from `start`, and the nextLink to the rest (absent on the last page). */
export function page<T>(state: GraphSimState, req: SimRequest, tenantId: string, items: readonly T[], start: number, top: number): { value: T[]; nextLink?: string } {
  const size = Math.min(top, state.knobs().pageSizeCap ?? top);
  const end = Math.min(items.length, start + size);
  const value = items.slice(start, end);
  if (end >= items.length) return { value };
  const token = Buffer.from(JSON.stringify({ s: scopeOf(req, tenantId), p: end })).toString('base64url');
  const query = [...req.query.entries()].filter(([k]) => k !== '$skiptoken');
  query.push(['$skiptoken', token]);
  const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  // A hostile (or compromised) Graph points its links elsewhere: the knob says where.
  const origin = state.knobs().nextLinkOrigin ?? state.origin();
  return { value, nextLink: `${origin}${req.path}?${qs}` };
}

export function parseSelect(req: SimRequest, known: ReadonlySet<string>, type: string): string[] | undefined {
  const raw = req.query.get('$select');
  if (raw === null || raw.trim() === '') return undefined;
  const fields = raw.split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of fields) {
    if (!known.has(f)) throw new GraphFault(400, 'Request_BadRequest', `Could not find a property named '${f}' on type 'microsoft.graph.${type}'.`);
  }
  return fields;
}

/** Graph's $select: id always, then exactly the properties asked for. */
export function project(full: Record<string, unknown>, fields: string[] | undefined, defaults: readonly string[]): Record<string, unknown> {
  const chosen = fields ?? defaults;
  const out: Record<string, unknown> = {};
  for (const f of ['id', ...chosen]) if (f in full) out[f] = full[f];
  return out;
}

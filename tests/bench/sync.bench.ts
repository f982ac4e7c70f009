/**
 * Benchmarks (not tests): seat download ("sync") wall time against its floor, and the share of
 * a rate limit the HTTP client uses. Real connectors over a real HttpClient against the real
 * simulators on loopback, the way tests/integration/connectors builds them. Called by
 * `npm run bench` (`npm run bench -- --only sync` for these alone).
 *
 * Floor: the pages the listing needs, one after the other (every vendor here pages by a cursor
 * or by an offset the connector walks in order), times the simulator's latency, which is its
 * whole time to answer (see simulator-kit knobs). Anything above it is the client, the
 * connector's parsing and mapping, loopback HTTP and timer slack. The simulator runs in a worker
 * thread (sync-simulator-host.ts) so its page building does not share the client's event loop,
 * as a real vendor's does not.
 */
import { asanaHttpOptions } from '../../connectors/asana/http-options.js';
import { createAsanaConnector } from '../../connectors/asana/connector.js';
import { createCalendlyConnector } from '../../connectors/calendly/connector.js';
import { calendlyHttpOptions } from '../../connectors/calendly/http-options.js';
import { startCalendlySimulator } from '../../connectors/calendly/simulator/index.js';
import { createCustomConnector } from '../../connectors/custom/connector.js';
import { customHttpOptions } from '../../connectors/custom/http-options.js';
import { createHttpClient, type HttpClientOptions } from '../../connectors/http/index.js';
import { createSalesforceConnector } from '../../connectors/salesforce/connector.js';
import { salesforceHttpOptions } from '../../connectors/salesforce/http-options.js';
import { QUERY_BATCH_SIZE } from '../../connectors/salesforce/query.js';
import type { Connector, ConnectorContext, ConnectionSettings } from '../../connectors/types.js';
import { bearerAuth } from '../helpers/bearer-auth.js';
import type { BenchResult } from './candidates.bench.js';
import { hostSimulator, type HostedSimulator } from './sync-simulator-host.js';
import type { SyncVendorId } from './sync-simulators.js';

export interface RatioBenchResult extends BenchResult {
  /** The floor or peer the median is compared with, in ms (or the allowed count for a share). */
  floor?: number;
  /** median / floor; for a share, used / allowed. */
  ratio?: number;
  /** 'max': ratio must stay at or under targetRatio; 'min': at or over it. */
  ratioTarget?: { kind: 'max' | 'min'; value: number };
  unit?: string;
  detail?: string;
  /** The 1-minute load average when the benchmark finished (a busy machine slows everything). */
  loadAverage?: number;
  /** Median of the peer (a bare fetch loop through the same simulator), ms. */
  peerMs?: number;
  /** A memory benchmark: the process's peak resident set, MiB, and the most it may reach. */
  peakRssMiB?: number;
  rssTargetMiB?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const LATENCY_MS = 20;
const SEATS = 20_000;

function context(http: ConnectorContext['http'], settings: ConnectionSettings): ConnectorContext {
  return { http, settings, signal: new AbortController().signal, progress: () => undefined, now: () => new Date() };
}

/** One vendor's listing: how big, how it pages, and how the connector and the peer read it. */
interface SyncVendor {
  id: SyncVendorId;
  name: string;
  seats: number;
  /** Records per page the connector asks for and the simulator serves. */
  pageSize: number;
  /** The vendor's time to answer one page; LATENCY_MS unless a page that size takes longer anywhere real. */
  latencyMs?: number;
  httpOptions: Partial<HttpClientOptions>;
  connect(ctx: ConnectorContext): Connector;
  grantType: ConnectionSettings['grantType'];
  options?: Record<string, string>;
  /** The peer's cursor: the next page's URL from a page's body, or undefined at the end. */
  next(body: Page, url: string): string | undefined;
}

// Loosely typed on purpose: the peer reads only the vendor's cursor field.
type Page = {
  next_page?: { uri?: string } | null;
  nextRecordsUrl?: string;
  pagination?: { next_page?: string | null };
  startIndex?: number;
  itemsPerPage?: number;
  totalResults?: number;
};

const VENDORS: Record<SyncVendorId, SyncVendor> = {
  asana: {
    id: 'asana',
    name: 'Asana',
    seats: SEATS,
    pageSize: 100,
    httpOptions: asanaHttpOptions,
    connect: createAsanaConnector,
    grantType: 'token',
    next: (body) => body.next_page?.uri ?? undefined,
  },
  // 2000-record pages (the connector's batch size, Salesforce's largest) of about 1.2 MB each:
  // Salesforce's query API takes hundreds of milliseconds for one, so 20 ms would be a latency
  // no org has, and the floor would only measure JSON parsing. 40,000 users make 20 pages.
  salesforce: {
    id: 'salesforce',
    name: 'Salesforce',
    seats: 40_000,
    pageSize: QUERY_BATCH_SIZE,
    latencyMs: 150,
    httpOptions: salesforceHttpOptions,
    connect: createSalesforceConnector,
    grantType: 'client_credentials',
    next: (body, url) => (body.nextRecordsUrl ? new URL(body.nextRecordsUrl, url).href : undefined),
  },
  calendly: {
    id: 'calendly',
    name: 'Calendly',
    seats: SEATS,
    pageSize: 100,
    httpOptions: calendlyHttpOptions,
    connect: createCalendlyConnector,
    grantType: 'token',
    next: (body) => body.pagination?.next_page ?? undefined,
  },
  scim: {
    id: 'scim',
    name: 'SCIM (custom connector, SCIM preset)',
    seats: SEATS,
    pageSize: 100,
    httpOptions: customHttpOptions,
    connect: createCustomConnector,
    grantType: 'token',
    options: { preset: 'scim' },
    next: (body, url) => {
      const start = (body.startIndex ?? 1) + (body.itemsPerPage ?? 0);
      if (!body.itemsPerPage || start > (body.totalResults ?? 0)) return undefined;
      const next = new URL(url);
      next.searchParams.set('startIndex', String(start));
      return next.href;
    },
  },
};

interface SyncRun {
  ms: number;
  seats: number;
  requests: number;
}

/** One timed listing through the real connector over a fresh client. */
async function connectorRun(vendor: SyncVendor, sim: HostedSimulator): Promise<SyncRun> {
  const { url, token } = sim.info;
  const http = createHttpClient({
    baseUrl: url,
    vendorName: vendor.name,
    auth: bearerAuth(token),
    policy: { maxAttempts: 6, timeoutMs: 30_000 },
    ...vendor.httpOptions,
  });
  const connector = vendor.connect(context(http, { baseUrl: url, grantType: vendor.grantType, options: vendor.options ?? {} }));
  const before = await sim.requests();
  const t0 = performance.now();
  let seats = 0;
  for await (const page of connector.subscriptions()) seats += page.length;
  const ms = performance.now() - t0;
  return { ms, seats, requests: (await sim.requests()) - before };
}

/**
 * The peer: a bare loop of fetch + JSON.parse following the vendor's cursor through the same
 * simulator, no client, no validation, no mapping. What the simulator and loopback HTTP cost
 * on top of the latency, so the connector's own share shows.
 */
async function peerRun(vendor: SyncVendor, sim: HostedSimulator): Promise<number> {
  const { firstPage, token, headers } = sim.info;
  const t0 = performance.now();
  let url: string | undefined = firstPage;
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
    url = vendor.next(JSON.parse(await res.text()) as Page, url);
  }
  return performance.now() - t0;
}

async function syncBench(id: SyncVendorId, runs: number): Promise<RatioBenchResult> {
  const vendor = VENDORS[id];
  const latencyMs = vendor.latencyMs ?? LATENCY_MS;
  const sim = await hostSimulator({ vendor: id, seats: vendor.seats, latencyMs });
  try {
    await connectorRun(vendor, sim); // warm up (JIT, sockets)
    await peerRun(vendor, sim);
    const results: SyncRun[] = [];
    const peers: number[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(await connectorRun(vendor, sim));
      peers.push(await peerRun(vendor, sim));
    }
    const ms = median(results.map((r) => r.ms));
    const peerMs = median(peers);
    const pages = Math.ceil(vendor.seats / vendor.pageSize);
    const floor = pages * latencyMs;
    const last = results.at(-1)!;
    return {
      name: `${vendor.name} sync, ${last.seats.toLocaleString('en-US')} seats at ${latencyMs} ms latency`,
      medianMs: Math.round(ms),
      runs,
      target: Math.round(floor * 1.2),
      floor,
      ratio: Math.round((ms / floor) * 100) / 100,
      ratioTarget: { kind: 'max', value: 1.2 },
      detail: `floor ${pages} pages of ${vendor.pageSize} x ${latencyMs} ms; ${last.requests} requests made; simulator ${sim.where === 'worker' ? 'in a worker thread' : 'on the same thread'}; bare fetch loop (peer) ${Math.round(peerMs)} ms = ${(peerMs / floor).toFixed(2)}x floor, connector = ${(ms / peerMs).toFixed(2)}x peer`,
      peerMs: Math.round(peerMs),
    };
  } finally {
    await sim.close();
  }
}

export const benchAsanaSync = (runs = 5): Promise<RatioBenchResult> => syncBench('asana', runs);
export const benchSalesforceSync = (runs = 5): Promise<RatioBenchResult> => syncBench('salesforce', runs);
export const benchCalendlySync = (runs = 5): Promise<RatioBenchResult> => syncBench('calendly', runs);
export const benchScimSync = (runs = 5): Promise<RatioBenchResult> => syncBench('scim', runs);

/**
 * Share of the rate limit used: Calendly's activity fallback (one scheduled-events request
 * per member, run in parallel and paced by X-RateLimit-Remaining) against a Teams plan
 * simulator limited to LIMIT requests per WINDOW_MS of real time. The members are chosen so
 * the requests needed fill whole windows; share = requests the limit admitted (all but the
 * 429s) / (LIMIT x windows the run touched). A client that waits too long or too often
 * touches an extra window and drops to 75%.
 */
export async function benchCalendlyRateLimitShare(runs = 3): Promise<RatioBenchResult> {
  // Calendly meters per minute and says when the window resets in whole seconds: a window of
  // a few seconds keeps that rounding (up to 1 s lost per window, at most ~2% of a real
  // minute) from dominating, and the run short.
  const LIMIT = 50;
  const WINDOW_MS = 5000;
  const WINDOWS = 3;
  // Admitted by the limiter (everything but 429s): /users/me, the activity log (403 on Teams,
  // still counted by the limit), one memberships page per 100 members, one scheduled-events
  // request per member: size + 4.
  const size = LIMIT * WINDOWS - 4;
  const shares: number[] = [];
  const times: number[] = [];
  let detail = '';
  for (let i = 0; i < runs; i++) {
    const sim = await startCalendlySimulator({
      seed: 9 + i,
      size,
      plan: 'teams',
      knobs: { rateLimit: { limit: LIMIT, windowMs: WINDOW_MS, headers: 'x-ratelimit' }, serviceTimeMs: 2 },
    });
    try {
      const http = createHttpClient({
        baseUrl: sim.url,
        vendorName: 'Calendly',
        auth: bearerAuth(sim.token),
        policy: { maxAttempts: 10, timeoutMs: 30_000 },
        ...calendlyHttpOptions,
      });
      const connector = createCalendlyConnector(context(http, { baseUrl: sim.url, grantType: 'token', options: {} }));
      const first = sim.stats.requests;
      const t0 = performance.now();
      for await (const page of connector.activity(new Date(Date.now() - 60 * 86_400_000))) void page;
      const ms = performance.now() - t0;
      const windows = Math.max(1, Math.ceil(ms / WINDOW_MS));
      const served = sim.stats.served;
      const admitted = sim.stats.requests - sim.stats.rateLimited;
      shares.push(admitted / (LIMIT * windows));
      times.push(ms);
      detail = `${admitted} admitted by the limit (${served} served 2xx), ${sim.stats.rateLimited} answered 429, ${sim.stats.requests - first} requests in ${windows} windows of ${LIMIT}/${WINDOW_MS} ms`;
    } finally {
      await sim.close();
    }
  }
  const share = median(shares);
  return {
    name: `Calendly rate-limit share (activity fallback, ${size} members, ${LIMIT} req/${WINDOW_MS} ms)`,
    medianMs: Math.round(median(times)),
    runs,
    target: Number.POSITIVE_INFINITY,
    ratio: Math.round(share * 1000) / 1000,
    ratioTarget: { kind: 'min', value: 0.9 },
    unit: 'share',
    detail,
  };
}

export const benchmarks = [benchAsanaSync, benchSalesforceSync, benchCalendlySync, benchScimSync, benchCalendlyRateLimitShare];

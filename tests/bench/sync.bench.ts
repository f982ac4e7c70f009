/**
 * Benchmarks (not tests): seat download ("sync") wall time against its floor, and the share of
 * a rate limit the HTTP client uses. Real connectors over a real HttpClient against the real
 * simulators on loopback, the way tests/integration/connectors builds them. Called by
 * `npm run bench`.
 *
 * Floor: the pages the listing needs, one after the other (cursor paging cannot be done in
 * parallel), times the simulator's latency. Anything above it is the client, the connector's
 * parsing and mapping, and the simulator's own work.
 */
import { asanaHttpOptions } from '../../connectors/asana/http-options.js';
import { createAsanaConnector } from '../../connectors/asana/connector.js';
import { startAsanaSimulator } from '../../connectors/asana/simulator.js';
import { createCalendlyConnector } from '../../connectors/calendly/connector.js';
import { calendlyHttpOptions } from '../../connectors/calendly/http-options.js';
import { startCalendlySimulator } from '../../connectors/calendly/simulator.js';
import { createHttpClient } from '../../connectors/http/index.js';
import { createSalesforceConnector } from '../../connectors/salesforce/connector.js';
import { salesforceHttpOptions } from '../../connectors/salesforce/http-options.js';
import { startSalesforceSimulator } from '../../connectors/salesforce/simulator.js';
import type { Connector, ConnectorContext, ConnectionSettings } from '../../connectors/types.js';
import { MEMBERSHIP_OPT_FIELDS } from '../../connectors/asana/seats.js';
import { USER_SOQL } from '../../connectors/salesforce/seats.js';
import { bearerAuth } from '../helpers/bearer-auth.js';
import type { BenchResult } from './candidates.bench.js';

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

async function drain(connector: Connector): Promise<number> {
  let seats = 0;
  for await (const page of connector.subscriptions()) seats += page.length;
  return seats;
}

interface SyncRun {
  ms: number;
  seats: number;
  requests: number;
}

/**
 * The peer: a bare loop of fetch + JSON.parse following the vendor's cursor through the same
 * simulator, no client, no validation, no mapping. What the simulator and loopback HTTP cost
 * on top of the latency, so the connector's own share shows.
 */
// Loosely typed on purpose: the peer reads only the vendor's cursor field.
type Page = { next_page?: { uri?: string } | null; nextRecordsUrl?: string; pagination?: { next_page?: string | null } };

async function bareFollow(first: string, token: string, next: (body: Page) => string | undefined, headers: Record<string, string> = {}): Promise<number> {
  let url: string | undefined = first;
  let pages = 0;
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const body = JSON.parse(await res.text()) as Page;
    pages += 1;
    url = next(body);
  }
  return pages;
}

async function syncBench(
  vendor: string,
  pages: number,
  runs: number,
  once: () => Promise<SyncRun>,
  peer?: () => Promise<unknown>,
): Promise<RatioBenchResult> {
  await once(); // warm up (JIT, sockets)
  const results: SyncRun[] = [];
  const peers: number[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await once());
    if (peer) {
      const t0 = performance.now();
      await peer();
      peers.push(performance.now() - t0);
    }
  }
  const ms = median(results.map((r) => r.ms));
  const peerMs = peers.length ? median(peers) : undefined;
  const floor = pages * LATENCY_MS;
  const last = results.at(-1)!;
  return {
    name: `${vendor} sync, ${last.seats.toLocaleString('en-US')} seats at ${LATENCY_MS} ms latency`,
    medianMs: Math.round(ms),
    runs,
    target: Math.round(floor * 1.2),
    floor,
    ratio: Math.round((ms / floor) * 100) / 100,
    ratioTarget: { kind: 'max', value: 1.2 },
    detail: `floor ${pages} pages x ${LATENCY_MS} ms; ${last.requests} requests made${peerMs === undefined ? '' : `; bare fetch loop (peer) ${Math.round(peerMs)} ms = ${(peerMs / floor).toFixed(2)}x floor, connector = ${(ms / peerMs).toFixed(2)}x peer`}`,
    peerMs: peerMs === undefined ? undefined : Math.round(peerMs),
  };
}

export async function benchAsanaSync(runs = 3): Promise<RatioBenchResult> {
  const token = 'bench-asana-token';
  const sim = await startAsanaSimulator({ token, seed: 8, users: SEATS, latencyMs: LATENCY_MS, knobs: { rateLimit: undefined } });
  try {
    return await syncBench('Asana', Math.ceil(SEATS / 100), runs, async () => {
      const http = createHttpClient({
        baseUrl: sim.url,
        vendorName: 'Asana',
        auth: bearerAuth(token),
        policy: { maxAttempts: 6, timeoutMs: 30_000 },
        ...asanaHttpOptions,
      });
      const connector = createAsanaConnector(context(http, { baseUrl: sim.url, grantType: 'token', options: {} }));
      const before = sim.stats.requests;
      const t0 = performance.now();
      const seats = await drain(connector);
      return { ms: performance.now() - t0, seats, requests: sim.stats.requests - before };
    }, () =>
      bareFollow(
        `${sim.url}/workspaces/${sim.workspaceGid}/workspace_memberships?limit=100&opt_fields=${MEMBERSHIP_OPT_FIELDS}`,
        token,
        (body) => body.next_page?.uri ?? undefined,
      ));
  } finally {
    await sim.close();
  }
}

export async function benchSalesforceSync(runs = 3): Promise<RatioBenchResult> {
  const sim = await startSalesforceSimulator({ seed: 8, users: SEATS, latencyMs: LATENCY_MS });
  try {
    // QUERY_BATCH_SIZE is 2000: one query and nine nextRecordsUrl follow-ups.
    return await syncBench('Salesforce', Math.ceil(SEATS / 2000), runs, async () => {
      const http = createHttpClient({
        baseUrl: sim.url,
        vendorName: 'Salesforce',
        auth: bearerAuth(sim.token),
        policy: { maxAttempts: 6, timeoutMs: 30_000 },
        ...salesforceHttpOptions,
      });
      const connector = createSalesforceConnector(context(http, { baseUrl: sim.url, grantType: 'client_credentials', options: {} }));
      const before = sim.stats.requests;
      const t0 = performance.now();
      const seats = await drain(connector);
      return { ms: performance.now() - t0, seats, requests: sim.stats.requests - before };
    }, () =>
      bareFollow(
        `${sim.url}/services/data/v62.0/query?q=${encodeURIComponent(USER_SOQL)}`,
        sim.token,
        (body) => (body.nextRecordsUrl ? `${sim.url}${body.nextRecordsUrl}` : undefined),
        { 'Sforce-Query-Options': 'batchSize=2000' },
      ));
  } finally {
    await sim.close();
  }
}

export async function benchCalendlySync(runs = 3): Promise<RatioBenchResult> {
  const sim = await startCalendlySimulator({ seed: 8, size: SEATS, knobs: { rateLimit: undefined, latencyMs: LATENCY_MS } });
  try {
    return await syncBench('Calendly', Math.ceil(SEATS / 100), runs, async () => {
      const http = createHttpClient({
        baseUrl: sim.url,
        vendorName: 'Calendly',
        auth: bearerAuth(sim.token),
        policy: { maxAttempts: 6, timeoutMs: 30_000 },
        ...calendlyHttpOptions,
      });
      const connector = createCalendlyConnector(context(http, { baseUrl: sim.url, grantType: 'token', options: {} }));
      const before = sim.stats.requests;
      const t0 = performance.now();
      const seats = await drain(connector);
      return { ms: performance.now() - t0, seats, requests: sim.stats.requests - before };
    }, async () => {
      const me = JSON.parse(await (await fetch(`${sim.url}/users/me`, { headers: { authorization: `Bearer ${sim.token}` } })).text());
      const org = encodeURIComponent(me.resource.current_organization);
      return bareFollow(`${sim.url}/organization_memberships?organization=${org}&count=100`, sim.token, (body) => body.pagination?.next_page ?? undefined);
    });
  } finally {
    await sim.close();
  }
}

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

export const benchmarks = [benchAsanaSync, benchSalesforceSync, benchCalendlySync, benchCalendlyRateLimitShare];

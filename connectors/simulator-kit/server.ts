/**
 * Starts a vendor simulator: a real node:http server on 127.0.0.1 that runs the fault knobs,
 * the vendor's guard (authentication) and its routes, and records what it served.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultKnobs, type SimulatorKnobs } from './knobs.js';
import { FixedWindowLimiter, type RateDecision } from './rate-limit.js';
import { json, SimError, type SimRequest, type SimResponse } from './responses.js';
import { Rng } from './rng.js';
import type { Router } from './router.js';
import { SimulatorStats, type FaultKind } from './stats.js';

export interface SimulatorOptions {
  /** For messages: "Asana". */
  name: string;
  router: Router;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Appended to the origin to make `url`, e.g. "/api/1.0". */
  basePath?: string;
  knobs?: Partial<SimulatorKnobs>;
  /** Seeds the errorRate draws, so a storm is the same storm every run. */
  seed?: number;
  /** Milliseconds clock for the rate limiter; tests advance a fake one from their sleep. */
  clock?: () => number;
  /** The vendor's error body for a status and message: Asana {"errors":[{"message"}]}. */
  errorBody?: (status: number, message: string) => unknown;
  /** Runs before every route not marked public; return a response to refuse (a 401). */
  guard?: (req: SimRequest) => SimResponse | undefined;
  notFound?: (req: SimRequest) => SimResponse;
  maxBodyBytes?: number;
}

export interface SimulatorHandle<K extends SimulatorKnobs = SimulatorKnobs> {
  /** The API base URL: origin + basePath. */
  url: string;
  origin: string;
  port: number;
  /** Live: change a field and the next request sees it. */
  knobs: K;
  stats: SimulatorStats;
  close(): Promise<void>;
}

const MALFORMED_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

export async function startSimulator<K extends SimulatorKnobs = SimulatorKnobs>(
  options: SimulatorOptions & { knobs?: Partial<K> },
): Promise<SimulatorHandle<K>> {
  const knobs = defaultKnobs(options.knobs) as K;
  const stats = new SimulatorStats();
  const clock = options.clock ?? Date.now;
  const limiter = new FixedWindowLimiter(clock);
  const faultRng = new Rng(options.seed ?? 1).fork('faults');
  const errorBody = options.errorBody ?? ((_status: number, message: string) => ({ error: message }));
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  let eligible = 0;

  async function answer(req: SimRequest): Promise<{ response: SimResponse; fault?: FaultKind; rate?: RateDecision }> {
    const faulty = knobs.faultsApplyTo ? knobs.faultsApplyTo(req) : true;
    let rate: RateDecision | undefined;
    if (faulty && knobs.rateLimit) {
      rate = limiter.take(knobs.rateLimit);
      if (!rate.allowed) {
        const style = knobs.rateLimit.headers ?? 'retry-after';
        const headers: Record<string, string> = style === 'x-ratelimit' ? {} : { 'retry-after': String(rate.resetSeconds) };
        const body = knobs.rateLimit.body?.({ retryAfterSeconds: rate.resetSeconds }) ?? errorBody(429, 'You have made too many requests recently. Please, be chill.');
        return { response: json(429, body, headers), fault: 'rate_limited', rate };
      }
    }
    if (faulty) {
      eligible += 1;
      const nth = knobs.failEveryNth > 0 && eligible % knobs.failEveryNth === 0;
      if (nth || (knobs.errorRate > 0 && faultRng.chance(knobs.errorRate))) {
        return { response: json(500, errorBody(500, 'Server Error')), fault: 'server_error', rate };
      }
    }

    const match = options.router.match(req.method, req.path);
    if (!match) return { response: options.notFound?.(req) ?? json(404, errorBody(404, 'No matching route for request')), rate };
    const routed: SimRequest = { ...req, params: match.params };
    if (!match.options.public) {
      const refused = options.guard?.(routed);
      if (refused) return { response: refused, rate };
    }
    let response: SimResponse;
    try {
      response = await match.handler(routed);
    } catch (err) {
      response =
        err instanceof SimError
          ? json(err.status, errorBody(err.status, err.message), err.headers)
          : json(500, errorBody(500, 'Server Error'));
    }
    if (faulty && response.status < 300 && knobs.malformedPage?.(routed)) {
      return { response: { status: 200, raw: MALFORMED_PAGE, contentType: 'text/html; charset=utf-8' }, fault: 'malformed', rate };
    }
    return { response, rate };
  }

  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    // latencyMs is the vendor's time to answer, counted from arrival: the route's own work
    // (building and serialising a page) is done inside it, as a real server's is inside its
    // response time, instead of being added on top and skewing the pages x latency floor.
    const due = knobs.latencyMs > 0 ? performance.now() + knobs.latencyMs : 0;
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const method = (incoming.method ?? 'GET').toUpperCase();
    stats.requests += 1;
    let outcome: { response: SimResponse; fault?: FaultKind; rate?: RateDecision };
    try {
      const rawBody = await readBody(incoming, maxBodyBytes);
      const req: SimRequest = {
        method,
        path: url.pathname,
        url,
        query: url.searchParams,
        params: {},
        headers: incoming.headers,
        body: parseRequestBody(rawBody, incoming.headers['content-type']),
        rawBody,
      };
      outcome = await answer(req);
    } catch (err) {
      outcome = {
        response: err instanceof SimError ? json(err.status, errorBody(err.status, err.message)) : json(500, errorBody(500, 'Server Error')),
      };
    }
    const { headers, payload } = render(outcome.response, outcome.rate, knobs.rateLimit?.headers);
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    res.writeHead(outcome.response.status, headers);
    res.end(payload);
    stats.record({ at: clock(), method, path: url.pathname, status: outcome.response.status, fault: outcome.fault });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url: `${origin}${options.basePath ?? ''}`,
    origin,
    port,
    knobs,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function render(
  response: SimResponse,
  rate: RateDecision | undefined,
  style: string | undefined,
): { headers: Record<string, string>; payload: string } {
  const headers: Record<string, string> = { ...response.headers };
  if (rate && (style === 'x-ratelimit' || style === 'both')) {
    headers['x-ratelimit-limit'] = String(rate.limit);
    headers['x-ratelimit-remaining'] = String(rate.remaining);
    headers['x-ratelimit-reset'] = String(rate.resetSeconds);
  }
  let payload = '';
  if (response.raw !== undefined) {
    payload = response.raw;
    if (payload !== '') headers['content-type'] = response.contentType ?? 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] = response.contentType ?? 'application/json; charset=utf-8';
  }
  return { headers, payload };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new SimError(413, 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseRequestBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    if (contentType?.includes('json')) throw new SimError(400, 'Could not parse the request body as JSON');
    return raw;
  }
}

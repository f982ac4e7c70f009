/**
 * The Calendly connector against its simulator: seats, activity from the log or the
 * scheduled-events fallback, storms, paging limits. Expected values are recomputed from the
 * seed alone, never from the connector.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCalendlyConnector } from '../../../connectors/calendly/connector.js';
import { CALENDLY_LICENSE_TYPES } from '../../../connectors/calendly/descriptor.js';
import { CALENDLY_MAX_PARALLEL, calendlyHttpOptions } from '../../../connectors/calendly/http-options.js';
import { seedCalendlyOrg } from '../../../connectors/calendly/simulator/seed.js';
import { startCalendlySimulator, type CalendlySimulator, type CalendlySimulatorOptions } from '../../../connectors/calendly/simulator/index.js';
import { ActivityUnavailableError, ConnectorError, createHttpClient } from '../../../connectors/http/index.js';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import type { ActivityRecord, Connector, SeatRecord, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

const NOW = new Date('2025-06-02T00:00:00.000Z');
const DAY_MS = 86_400_000;
const SINCE = new Date(NOW.getTime() - 60 * DAY_MS);
const SEED = 11;
const SIZE = 230;

let sim: CalendlySimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface Setup {
  sim: CalendlySimulator;
  connector: Connector;
  progress: Partial<SyncProgress>[];
}

/**
 * A FakeClock by default, so rate-limit waits cost no real time. `realClock` for the pacing
 * test: the HTTP client's shared 429 pause is measured in real time, which a fake clock
 * would turn into a fresh window for every later request.
 */
async function setup(
  options: CalendlySimulatorOptions = {},
  extra: { token?: (s: CalendlySimulator) => string; realClock?: boolean } = {},
): Promise<Setup> {
  const clock = extra.realClock ? undefined : new FakeClock(NOW.getTime());
  sim = await startCalendlySimulator({ seed: SEED, size: SIZE, now: NOW, clock: clock?.now, ...options });
  const s = sim;
  const http = createHttpClient({
    baseUrl: s.url,
    vendorName: 'Calendly',
    auth: bearerAuth(extra.token ? extra.token(s) : s.token),
    sleep: clock?.sleep,
    random: () => 0.5,
    ...calendlyHttpOptions,
  });
  const progress: Partial<SyncProgress>[] = [];
  const connector = createCalendlyConnector({
    http,
    settings: { baseUrl: s.url, grantType: 'token', options: {} },
    signal: new AbortController().signal,
    progress: (p) => progress.push(p),
    now: () => NOW,
  });
  return { sim: s, connector, progress };
}

async function allSeats(connector: Connector): Promise<SeatRecord[]> {
  const seats: SeatRecord[] = [];
  for await (const page of connector.subscriptions()) seats.push(...page);
  return seats;
}

/** The latest activity per user, as the pipeline keeps it. */
async function lastActivity(connector: Connector): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  for await (const page of connector.activity(SINCE)) {
    for (const r of page as ActivityRecord[]) {
      expect(r.userId).toBeTruthy();
      const prev = latest.get(r.userId as string);
      if (!prev || Date.parse(r.at) > Date.parse(prev)) latest.set(r.userId as string, new Date(r.at).toISOString());
    }
  }
  return latest;
}

function expectedSeats(): SeatRecord[] {
  const org = seedCalendlyOrg({ seed: SEED, size: SIZE, now: NOW });
  return org.members.map((m) => ({
    userId: m.userUri,
    email: m.person.email,
    name: m.person.name,
    licenseType: { owner: CALENDLY_LICENSE_TYPES.owner, admin: CALENDLY_LICENSE_TYPES.admin, user: CALENDLY_LICENSE_TYPES.user }[m.role],
    active: true,
    admin: m.role !== 'user',
    owner: m.role === 'owner',
    paid: true,
    startedAt: m.createdAt,
    reclaimRef: m.membershipUri,
  }));
}

function expectedFromLog(): Map<string, string> {
  const org = seedCalendlyOrg({ seed: SEED, size: SIZE, now: NOW });
  const latest = new Map<string, string>();
  for (const e of org.activityLog) {
    const at = Date.parse(e.occurredAt);
    if (!e.actorUri || at < SINCE.getTime() || at > NOW.getTime()) continue;
    const prev = latest.get(e.actorUri);
    if (!prev || at > Date.parse(prev)) latest.set(e.actorUri, e.occurredAt);
  }
  return latest;
}

/** Each member's latest event starting since SINCE; upcoming meetings count as today. */
function expectedFromEvents(): Map<string, string> {
  const org = seedCalendlyOrg({ seed: SEED, size: SIZE, now: NOW });
  const latest = new Map<string, number>();
  for (const e of org.events) {
    const at = Date.parse(e.startTime);
    if (at < SINCE.getTime()) continue;
    latest.set(e.userUri, Math.max(latest.get(e.userUri) ?? 0, at));
  }
  return new Map([...latest].map(([user, at]) => [user, new Date(Math.min(at, NOW.getTime())).toISOString()]));
}

describe('Calendly seats', () => {
  it('downloads exactly the seeded memberships, URIs as ids, the owner flagged, count never above 100', async () => {
    const { connector, sim, progress } = await setup();
    const seats = await allSeats(connector);
    const byUser = (a: SeatRecord, b: SeatRecord) => a.userId.localeCompare(b.userId);
    expect(seats.sort(byUser)).toEqual(expectedSeats().sort(byUser));

    const owners = seats.filter((s) => s.owner);
    expect(owners).toHaveLength(1);
    expect(owners[0]?.userId).toBe(sim.org.members[0]?.userUri);
    expect(owners[0]?.licenseType).toBe('Calendly owner');
    expect(seats.some((s) => s.licenseType === 'Calendly seat (admin)')).toBe(true);
    expect(seats.every((s) => s.userId.startsWith('https://api.calendly.com/users/'))).toBe(true);
    expect(new Set(seats.map((s) => s.name)).has('Zoë Ødegård')).toBe(true);

    expect(sim.observed.maxCount).toBe(100);
    expect(sim.stats.requestsTo('GET', '/organization_memberships')).toHaveLength(Math.ceil(SIZE / 100));
    expect(progress.at(-1)).toMatchObject({ phase: 'download', pages: 3, users: SIZE });
  });

  it('answers whoami with the connected user and the organization URI', async () => {
    const { connector, sim } = await setup();
    await expect(connector.whoami()).resolves.toEqual({
      userId: sim.connected.userUri,
      name: sim.connected.person.name,
      email: sim.connected.person.email,
      orgId: sim.org.uri,
    });
    expect(sim.connected.role).toBe('admin');
  });

  it('refuses count above 100 with Calendly\'s error shape (so the connector never sends one)', async () => {
    const { sim } = await setup();
    const res = await fetch(`${sim.url}/organization_memberships?organization=${encodeURIComponent(sim.org.uri)}&count=101`, {
      headers: { authorization: `Bearer ${sim.token}` },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-ratelimit-limit')).toBe('500');
    expect(await res.json()).toEqual({
      title: 'Invalid Argument',
      message: 'The supplied parameters are invalid.',
      details: [{ parameter: 'count', message: 'must be less than or equal to 100' }],
    });
  });

  it('fails clearly on a malformed page', async () => {
    const { connector, sim } = await setup();
    sim.knobs.malformedPage = (req) => req.path === '/organization_memberships' && req.query.has('page_token');
    const err = await allSeats(connector).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('malformed');
    expect((err as ConnectorError).message).toMatch(/Calendly returned a page that is not JSON \(GET \/organization_memberships\)/);
  });

  it('fails clearly on JSON of the wrong shape', async () => {
    // A stand-in that answers every path with JSON lacking `collection`.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ resource: { uri: 'https://api.calendly.com/users/X', current_organization: 'https://api.calendly.com/organizations/Y' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const connector = createCalendlyConnector({
        http: createHttpClient({ baseUrl, vendorName: 'Calendly', ...calendlyHttpOptions }),
        settings: { baseUrl, grantType: 'token', options: {} },
        signal: new AbortController().signal,
        progress: () => undefined,
        now: () => NOW,
      });
      const err = await allSeats(connector).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect((err as ConnectorError).message).toBe(
        'Calendly returned an unexpected response (GET /organization_memberships): collection is missing or of the wrong type.',
      );
    } finally {
      server.close();
    }
  });
});

describe('Calendly activity', () => {
  it('reads the activity log on Enterprise: the latest entry per user, system entries ignored, no fallback', async () => {
    const { connector, sim } = await setup({ plan: 'enterprise' });
    const got = await lastActivity(connector);
    expect(got).toEqual(expectedFromLog());
    expect(got.size).toBeGreaterThan(SIZE / 3);
    expect(sim.stats.requestsTo('GET', '/scheduled_events')).toHaveLength(0);
  });

  it('falls back to each user\'s latest scheduled event without Enterprise, in parallel', async () => {
    const { connector, sim, progress } = await setup({ plan: 'teams', knobs: { serviceTimeMs: 5 } });
    const got = await lastActivity(connector);
    const expected = expectedFromEvents();
    expect(got).toEqual(expected);
    // Some members have no event since SINCE, some have upcoming ones (clamped to now).
    expect(expected.size).toBeLessThan(SIZE);
    expect([...expected.values()]).toContain(NOW.toISOString());

    expect(sim.stats.requestsTo('GET', '/activity_log_entries')).toHaveLength(1);
    expect(sim.observed.eventsServedByUser.size).toBe(SIZE);
    expect([...sim.observed.eventsServedByUser.values()].every((n) => n === 1)).toBe(true);
    // Seen by the simulator, not timed: more than one request was in flight at once, and
    // never more than the connector's bound.
    expect(sim.observed.maxInFlight).toBeGreaterThan(1);
    expect(sim.observed.maxInFlight).toBeLessThanOrEqual(CALENDLY_MAX_PARALLEL);
    expect(sim.observed.maxCount).toBeLessThanOrEqual(100);
    expect(progress.some((p) => p.message?.includes('Please upgrade your Calendly account to Enterprise.'))).toBe(true);
  });

  it('throws ActivityUnavailableError when neither the log nor scheduled events are readable', async () => {
    const { connector } = await setup({ plan: 'free' }, { token: (s) => s.tokenFor(s.org.members.find((m) => m.role === 'user')!) });
    const err = await lastActivity(connector).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toContain('Please upgrade your Calendly account to Enterprise.');
    expect((err as Error).message).toContain('You do not have permission to access this resource.');
  });

  it('gives identical results under a 429 + 500 storm, losing no request and without a 429 storm', async () => {
    const { connector, sim } = await setup({
      plan: 'teams',
      knobs: { rateLimit: { limit: 40, windowMs: 60_000, headers: 'x-ratelimit' }, failEveryNth: 7, serviceTimeMs: 2 },
    });
    const seats = await allSeats(connector);
    const activity = await lastActivity(connector);
    const byUser = (a: SeatRecord, b: SeatRecord) => a.userId.localeCompare(b.userId);
    expect(seats.sort(byUser)).toEqual(expectedSeats().sort(byUser));
    expect(activity).toEqual(expectedFromEvents());

    expect(sim.stats.rateLimited).toBeGreaterThan(0);
    expect(sim.stats.serverErrors).toBeGreaterThan(0);
    // Every member's events were answered exactly once: retried, never dropped or doubled.
    expect(sim.observed.eventsServedByUser.size).toBe(SIZE);
    expect([...sim.observed.eventsServedByUser.values()].every((n) => n === 1)).toBe(true);
    expect(sim.observed.maxInFlight).toBeGreaterThan(1);
  });

  it('paces the per-user fallback by X-RateLimit-Remaining: one 429 per spent window, not a storm', async () => {
    const limit = 15;
    const size = 50;
    const { connector, sim } = await setup(
      { size, plan: 'teams', knobs: { rateLimit: { limit, windowMs: 1000, headers: 'x-ratelimit' }, serviceTimeMs: 5 } },
      { realClock: true },
    );
    const records: ActivityRecord[] = [];
    for await (const page of connector.activity(SINCE)) records.push(...page);
    expect(sim.observed.eventsServedByUser.size).toBe(size);
    // /users/me, the activity log, one memberships page, then one request per member.
    const needed = 3 + size;
    expect(sim.stats.served + sim.stats.requestsTo('GET', '/activity_log_entries').length).toBeGreaterThanOrEqual(needed);
    const windows = Math.ceil(needed / limit);
    // Ten in flight against a spent window would be ten 429s each time; the budget lets one through.
    expect(sim.stats.rateLimited).toBeGreaterThan(0);
    expect(sim.stats.rateLimited).toBeLessThanOrEqual(windows);
    expect(sim.observed.maxInFlight).toBeGreaterThan(1);
  });
});

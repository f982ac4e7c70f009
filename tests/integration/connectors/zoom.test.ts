/**
 * The Zoom connector against the Zoom simulator: seats, activity and candidates exactly as the
 * seed says (Basic users free, deactivated users absent, users on both sides of the threshold),
 * rate limits and missing scopes, hostile answers, downgrade and undo changing exactly the
 * chosen seats, seats owned, probes, and two accounts side by side.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../connectors/http/index.js';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import type { SeatRecord } from '../../../connectors/types.js';
import { zoomDescriptor } from '../../../connectors/zoom/descriptor.js';
import { zoomEntry } from '../../../connectors/zoom/entry.js';
import {
  isPaidSeat,
  seedZoomOrg,
  startZoomSimulator,
  ZOOM_NO_LICENSE,
  type ZoomSeedUser,
  type ZoomSimulatorHandle,
  type ZoomSimulatorOptions,
} from '../../../connectors/zoom/simulator/index.js';
import { computeCandidates } from '../../../main/reclamation/candidates.js';
import type { ReclamationRule, SubscriptionRecord } from '../../../main/reclamation/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';
import { caught, collect, connectZoom } from './zoom-harness.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 20260514;
/** Over three pages of 300: the listing must follow next_page_token to the last page. */
const USERS = 1000;
const MARGINS = [89, 90, 91];
const THRESHOLD = 90;
const ANALYSIS_START = NOW.getTime() - 365 * DAY;
const TYPE_NAMES: Record<number, string> = { 1: 'Basic', 2: 'Licensed', 4: 'Unassigned without Meetings Basic', 99: 'None' };

const sims: ZoomSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: ZoomSimulatorOptions = {}): Promise<ZoomSimulatorHandle> {
  const sim = await startZoomSimulator({ seed: SEED, users: USERS, now: NOW, marginDays: MARGINS, ...options });
  sims.push(sim);
  return sim;
}

/** What the seed says Seatwise must see for an active user, computed from the org data alone. */
function expectedSeat(u: ZoomSeedUser): SeatRecord {
  const seat: SeatRecord = {
    userId: u.id,
    email: u.email,
    name: u.displayName,
    licenseType: TYPE_NAMES[u.type] ?? `Zoom user type ${u.type}`,
    active: true,
    admin: u.roleId === '0' || u.roleId === '1',
    owner: u.roleId === '0',
    paid: u.type === 2,
    startedAt: new Date(u.createdAt).toISOString(),
  };
  if (u.lastLoginTime) seat.lastActivityAt = new Date(u.lastLoginTime).toISOString();
  return seat;
}

const rule: ReclamationRule = {
  id: 'r-zoom',
  profileId: 'p1',
  licenseType: 'Licensed',
  name: 'Zoom Licensed',
  thresholdDays: THRESHOLD,
  notifyUser: false,
  daysBeforeAutoReclaim: 0,
  approvalRequired: true,
  reclaimWithoutApproval: false,
  enabled: true,
};

function candidatesOf(seats: SeatRecord[], orgId: string, connectedUserId: string) {
  const subscriptions: SubscriptionRecord[] = seats.map((s) => ({
    id: `sub-${s.userId}`,
    profileId: 'p1',
    orgId,
    userId: s.userId,
    email: s.email,
    name: s.name,
    licenseType: s.licenseType,
    active: s.active,
    admin: s.admin,
    owner: s.owner,
    paid: s.paid,
    connectedAccount: s.userId === connectedUserId,
    startedAt: s.startedAt,
    lastActivityAt: s.lastActivityAt,
    firstSeenAt: NOW.toISOString(),
    lastSeenAt: NOW.toISOString(),
  }));
  return computeCandidates({
    subscriptions,
    rules: [rule],
    exclusions: [],
    entitlements: [],
    previous: [],
    now: NOW.toISOString(),
    analysisStart: new Date(ANALYSIS_START).toISOString(),
    activityAvailable: true,
  });
}

/** The candidates by Seatwise's rule, recomputed from the seed: active Licensed non-owners inactive for 90 days. */
function expectedCandidateIds(users: ZoomSeedUser[]): string[] {
  return users
    .filter((u) => isPaidSeat(u) && u.roleId !== '0')
    .filter((u) => {
      const since = u.lastLoginTime ? Date.parse(u.lastLoginTime) : Math.max(Date.parse(u.createdAt), ANALYSIS_START);
      return Math.floor((NOW.getTime() - since) / DAY) >= THRESHOLD;
    })
    .map((u) => u.id);
}

describe('Zoom connector: seats, activity and candidates', () => {
  it('downloads exactly the seeded active users over every page: Licensed paid, Basic and the other types free, deactivated and pending absent', async () => {
    const sim = await simulator();
    const { connector, http, progress } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const seats = await collect(connector.subscriptions());

    // Recomputed from (seed, size, now): the simulator's data is reproducible, not just self-consistent.
    const org = seedZoomOrg({ seed: SEED, users: USERS, now: NOW, marginDays: MARGINS });
    const active = org.users.filter((u) => u.status === 'active');
    expect(seats).toEqual(active.map(expectedSeat));
    expect(seats.filter((s) => s.paid).map((s) => s.userId)).toEqual(org.users.filter(isPaidSeat).map((u) => u.id));
    // Every kind of user is in the seed, so every branch of the mapping really ran.
    for (const type of ['Licensed', 'Basic', 'Unassigned without Meetings Basic', 'None']) expect(seats.some((s) => s.licenseType === type)).toBe(true);
    expect(seats.some((s) => s.licenseType === 'Basic' && !s.paid)).toBe(true);
    expect(org.users.some((u) => u.status === 'inactive' && u.type === 2)).toBe(true);
    expect(org.users.some((u) => u.status === 'pending')).toBe(true);
    const listed = new Set(seats.map((s) => s.userId));
    expect(org.users.filter((u) => u.status !== 'active').some((u) => listed.has(u.id))).toBe(false);
    expect(seats.some((s) => s.lastActivityAt === undefined)).toBe(true);
    expect(seats.filter((s) => s.owner)).toEqual([expectedSeat(org.users[0]!)]);
    expect(seats.map((s) => s.name)).toEqual(expect.arrayContaining(['Zoë Ødegård', 'José Núñez', '李雷']));

    const pages = Math.ceil(active.length / 300);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(progress.filter((p) => p.phase === 'download').at(-1)).toEqual({ phase: 'download', pages, users: active.length });
    expect(http.requestCount).toBe(pages);
    expect(sim.stats.log.every((e) => e.path === '/v2/users')).toBe(true);
  });

  it('carries activity as each user’s last sign-in on the seat; activity() asks Zoom nothing more', async () => {
    const sim = await simulator();
    const { connector, http, progress } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const seats = await collect(connector.subscriptions());
    const requests = http.requestCount;
    expect(await collect(connector.activity(new Date(ANALYSIS_START)))).toEqual([]);
    expect(http.requestCount).toBe(requests);
    expect(progress.at(-1)).toMatchObject({ phase: 'activity', message: 'Zoom activity (last sign-in) came with the seat download.' });

    const byId = new Map(seats.map((s) => [s.userId, s]));
    for (const u of sim.org.users.filter((x) => x.status === 'active')) {
      expect(byId.get(u.id)?.lastActivityAt).toBe(u.lastLoginTime ? new Date(u.lastLoginTime).toISOString() : undefined);
    }
    // Margin users signed in exactly N days before now.
    for (const days of MARGINS) {
      const u = sim.org.users.find((x) => x.marginDays === days)!;
      expect(byId.get(u.id)?.lastActivityAt).toBe(new Date(NOW.getTime() - days * DAY).toISOString());
    }
  });

  it('makes exactly the seed’s candidates: Licensed only, never the owner, 90 days is in and 89 is out', async () => {
    const sim = await simulator();
    const { connector } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const me = await connector.whoami();
    const seats = await collect(connector.subscriptions());
    const candidates = candidatesOf(seats, me.orgId ?? '', me.userId);

    expect(candidates.map((c) => c.userId)).toEqual(expectedCandidateIds(sim.org.users));
    expect(candidates.length).toBeGreaterThan(10);
    expect(candidates.every((c) => c.licenseType === 'Licensed')).toBe(true);
    const margin = (days: number) => sim.org.users.find((u) => u.marginDays === days)!.id;
    const ids = new Set(candidates.map((c) => c.userId));
    expect(ids.has(margin(89))).toBe(false);
    expect(ids.has(margin(90))).toBe(true);
    expect(ids.has(margin(91))).toBe(true);
    expect(candidates.find((c) => c.userId === margin(90))).toMatchObject({ daysInactive: 90, thresholdDays: 90 });
    // Free users long inactive are never candidates.
    const idleBasic = seats.filter((s) => s.licenseType === 'Basic' && s.lastActivityAt && Date.parse(s.lastActivityAt) < NOW.getTime() - 200 * DAY);
    expect(idleBasic.length).toBeGreaterThan(0);
    expect(idleBasic.some((s) => ids.has(s.userId))).toBe(false);
    expect(ids.has(sim.org.ownerId)).toBe(false);
  });

  it('says who it is connected as: the account owner, in the account of the token', async () => {
    const sim = await simulator();
    const { connector } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const owner = sim.org.users[0]!;
    expect(await connector.whoami()).toEqual({ userId: owner.id, name: owner.displayName, email: owner.email, orgId: sim.accountId });
  });
});

describe('Zoom connector: rate limits, auth and scopes', () => {
  it('gets the identical seats through per-second 429s (no Retry-After) and 500s without losing a request', async () => {
    const baseline = await collect(connectZoom({ baseUrl: (await simulator()).url, token: sims[0]!.token }).connector.subscriptions());

    const clock = new FakeClock(NOW.getTime());
    const stormy = await simulator({ clock: clock.now, knobs: { qps: { Light: 1, Medium: 1, Heavy: 1 } } });
    stormy.knobs.failEveryNth = 3;
    const { connector, http, waits } = connectZoom({ baseUrl: stormy.url, token: stormy.token, sleep: clock.sleep });
    expect(await collect(connector.subscriptions())).toEqual(baseline);
    expect(stormy.counters.rateLimited).toBeGreaterThan(0);
    expect(stormy.stats.serverErrors).toBeGreaterThan(0);
    expect(stormy.stats.log.filter((e) => e.status === 200)).toHaveLength(Math.ceil(baseline.length / 300));
    expect(http.requestCount).toBe(stormy.stats.requests);
    expect(waits.length).toBeGreaterThan(0);
  });

  it('waits what Retry-After says when a per-second 429 carries it', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now, knobs: { qps: { Light: 1, Medium: 1, Heavy: 1 }, qpsRetryAfter: true } });
    const { connector, waits } = connectZoom({ baseUrl: sim.url, token: sim.token, sleep: clock.sleep });
    await collect(connector.subscriptions());
    expect(sim.counters.rateLimited).toBeGreaterThan(0);
    // Retry-After: 1 is 1000 ms, plus the client's jitter (a fixed draw here: 50 ms), for every 429.
    expect(waits.filter((ms) => ms === 1050)).toHaveLength(sim.counters.rateLimited);
  });

  it('stops at once on a daily limit, quoting Zoom, instead of retrying until midnight', async () => {
    const sim = await simulator({ knobs: { dailyLimit: { category: 'Medium', limit: 2 } } });
    const { connector, http } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const err = (await caught(collect(connector.subscriptions()))) as ConnectorError;
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.code).toBe('limit_exceeded');
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(
      "Zoom's daily API limit for this account is used up (You have exceeded the daily rate limit (2) of Medium API requests permitted for this account. You may resume these requests at GMT 00:00:00. (Zoom error 429)); Seatwise stopped and will try again at the next scheduled run.",
    );
    expect(http.requestCount).toBe(3);
  });

  it('refreshes once after a 401 and goes on; a token Zoom keeps refusing ends in Zoom’s own words', async () => {
    const sim = await simulator({ users: 50, marginDays: [] });
    const auth = bearerAuth('stale', { refreshTo: sim.token });
    expect(await collect(connectZoom({ baseUrl: sim.url, auth }).connector.subscriptions())).toHaveLength(sim.org.users.filter((u) => u.status === 'active').length);
    expect(auth.refreshes).toBe(1);

    const err = (await caught(collect(connectZoom({ baseUrl: sim.url, token: 'revoked' }).connector.subscriptions()))) as ConnectorError;
    expect(err.code).toBe('unauthorized');
    expect(err.options.vendorMessage).toBe('Invalid access token. (Zoom error 124)');
  });

  it('names the missing scope and does not refresh for it (a new token of the same app has the same scopes)', async () => {
    const sim = await simulator({ users: 50, marginDays: [] });
    const auth = bearerAuth(sim.issueToken({ scopes: ['user:read:user:admin'] }), { refreshTo: sim.token });
    const err = (await caught(collect(connectZoom({ baseUrl: sim.url, auth }).connector.subscriptions()))) as ConnectorError;
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain('does not contain scopes:[user:read:list_users:admin, user:read:admin]');
    expect(err.message).toContain("Server-to-Server OAuth app in the Zoom App Marketplace (the app's Scopes page)");
    expect(auth.refreshes).toBe(0);
    expect(sim.stats.requests).toBe(1);
  });

  it('probes each process with its own scope', async () => {
    const sim = await simulator({ users: 50, marginDays: [], accountId: 'AcmeAccount123' });
    const full = connectZoom({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId }).connector;
    expect(await full.probe('download')).toEqual({ process: 'download', ok: true, message: `Seatwise can list the ${sim.org.users.filter((u) => u.status === 'active').length} active users of Zoom account AcmeAccount123.` });
    expect(await full.probe('activity')).toMatchObject({ process: 'activity', ok: true });
    expect(await full.probe('reclaim')).toMatchObject({ process: 'reclaim', ok: true });
    // The reclaim probe changed nobody.
    expect(sim.org).toEqual(seedZoomOrg({ seed: SEED, users: 50, now: NOW, marginDays: [], accountId: 'AcmeAccount123' }));

    const readOnly = connectZoom({ baseUrl: sim.url, token: sim.issueToken({ scopes: ['user:read:list_users:admin', 'user:read:user:admin'] }) }).connector;
    expect(await readOnly.probe('download')).toMatchObject({ ok: true });
    const reclaim = await readOnly.probe('reclaim');
    expect(reclaim.ok).toBe(false);
    expect(reclaim.message).toContain('Add user:update:user:admin (classic: user:write:admin) to the Server-to-Server OAuth app, or leave reclaim off.');

    const writeOnly = connectZoom({ baseUrl: sim.url, token: sim.issueToken({ scopes: ['user:update:user:admin'] }) }).connector;
    const download = await writeOnly.probe('download');
    expect(download.ok).toBe(false);
    expect(download.message).toContain('Zoom refused the request: Invalid access token, does not contain scopes:[user:read:list_users:admin, user:read:admin]. (Zoom error 4711)');
    expect(await writeOnly.probe('reclaim')).toMatchObject({ ok: true });
  });
});

describe('Zoom connector: hostile answers', () => {
  const page = (users: unknown[], next = '', pageSize = 300) => ({ page_count: 1, page_number: 1, page_size: pageSize, total_records: users.length, next_page_token: next, users });
  const user = (id: string, extra: Record<string, unknown> = {}) => ({ id, email: `${id}@acme.example`, type: 2, status: 'active', role_id: '2', ...extra });

  function fakeZoom(answer: (url: URL, call: number) => unknown): typeof fetch {
    let calls = 0;
    return async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const body = answer(url, calls++);
      return typeof body === 'string'
        ? new Response(body, { status: 200, headers: { 'content-type': 'text/html' } })
        : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
  }
  const listWith = async (answer: (url: URL, call: number) => unknown) =>
    (await caught(collect(connectZoom({ baseUrl: 'https://api.zoom.test/v2', token: 't', fetch: fakeZoom(answer) }).connector.subscriptions()))) as ConnectorError;

  it('asks for at most 300 users a page and refuses a page larger than asked for', async () => {
    const asked: string[] = [];
    const err = await listWith((url) => {
      asked.push(url.searchParams.get('page_size') ?? '');
      return page(Array.from({ length: 301 }, (_, i) => user(`u${i}`)));
    });
    expect(asked).toEqual(['300']);
    expect(err.code).toBe('malformed');
    expect(err.message).toBe('Zoom returned 301 users in one page (GET /users) when Seatwise asked for at most 300; stopped instead of trusting the listing.');
  });

  it('stops on a user listed twice, a repeated page token, or a page that is not what Zoom documents', async () => {
    expect(await listWith((_u, n) => page([user('a')], n === 0 ? 'next' : ''))).toMatchObject({ code: 'malformed', message: expect.stringContaining('Zoom listed the same user twice') });
    expect((await listWith(() => page([], 'same-token'))).code).toBe('repeated_cursor');
    expect(await listWith(() => page([{ email: 'x@acme.example', type: 2 }]))).toMatchObject({ code: 'malformed', message: 'Zoom returned an unexpected response (GET /users): users.0.id is missing or of the wrong type.' });
    expect(await listWith(() => page([user('a', { type: 'Licensed' })]))).toMatchObject({ code: 'malformed' });
    expect(await listWith(() => page([user('a', { last_login_time: 'yesterday-ish' })]))).toMatchObject({
      code: 'malformed',
      message: 'Zoom returned a last_login_time that is not a date (GET /users).',
    });
    expect(await listWith(() => '<html><body>Bad Gateway</body></html>')).toMatchObject({ code: 'malformed' });
    expect(await listWith(() => ({ users: 'everyone' }))).toMatchObject({ code: 'malformed' });
  });

  it('follows next_page_token only on Zoom’s own origin', async () => {
    // The token is sent as a query parameter of the same URL: nothing in a page can point the client elsewhere.
    const hosts: string[] = [];
    const connector = connectZoom({
      baseUrl: 'https://api.zoom.test/v2',
      token: 't',
      fetch: fakeZoom((url, n) => {
        hosts.push(url.host);
        return n === 0 ? page([user('a')], 'https://evil.example/steal') : page([user('b')]);
      }),
    }).connector;
    expect((await collect(connector.subscriptions())).map((s) => s.userId)).toEqual(['a', 'b']);
    expect(hosts).toEqual(['api.zoom.test', 'api.zoom.test']);
  });
});

describe('Zoom connector: downgrade, undo and seats owned', () => {
  it('plans a downgrade to Basic and its undo as Zoom’s PATCH of the user’s type; offers no removal or freeze', async () => {
    const sim = await simulator({ users: 40, marginDays: [] });
    const { connector } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const seat = (await collect(connector.subscriptions())).find((s) => s.paid && !s.owner)!;
    expect(connector.planReclaim(seat, 'downgrade')).toEqual({ method: 'PATCH', url: `${sim.url}/users/${seat.userId}`, body: { type: 1 } });
    expect(connector.planReclaim(seat)).toEqual(connector.planReclaim(seat, 'downgrade'));
    expect(connector.planReclaim({ ...seat, downgradeTo: 'Basic' }, 'downgrade').body).toEqual({ type: 1 });
    expect(connector.planUndo!(seat, 'downgrade')).toEqual({ method: 'PATCH', url: `${sim.url}/users/${seat.userId}`, body: { type: 2 } });
    expect(connector.planUndo!({ ...seat, licenseType: 'Basic', downgradeTo: 'Licensed' }, 'downgrade').body).toEqual({ type: 2 });
    expect(connector.downgradeTargets?.('Licensed')).toEqual(['Basic']);
    expect(connector.downgradeTargets?.('Basic')).toEqual([]);

    for (const action of ['remove', 'freeze'] as const) {
      expect(() => connector.planReclaim(seat, action)).toThrow(ConnectorError);
      const err = (await caught(connector.reclaim(seat, action))) as ConnectorError;
      expect(err.code).toBe('config');
      expect(err.message).toContain(`"${action}" is not offered`);
    }
    expect(() => connector.planReclaim({ ...seat, downgradeTo: 'Unassigned without Meetings Basic' }, 'downgrade')).toThrow(
      'A Zoom Licensed user can be downgraded to Basic, not to "Unassigned without Meetings Basic".',
    );
    const basic = (await collect(connector.subscriptions())).find((s) => s.licenseType === 'Basic')!;
    expect(() => connector.planReclaim(basic, 'downgrade')).toThrow('is a Basic user, not a Licensed one: there is no Zoom license to take back.');

    expect(zoomDescriptor.reclaimEffects[0]).toMatchObject({ action: 'downgrade', label: 'Downgrade to Basic', saving: 'when_owned_drops', undoLabel: 'Set Licensed again', undoRestores: 'everything' });
    expect(zoomEntry).toEqual({ descriptor: zoomDescriptor, create: expect.any(Function), http: expect.objectContaining({ errorMessage: expect.any(Function) }) });
  });

  it('downgrades exactly the chosen candidates and undoes exactly the chosen ones; seats owned follow', async () => {
    const sim = await simulator();
    const { connector, http } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const me = await connector.whoami();
    const seats = await collect(connector.subscriptions());
    const candidates = candidatesOf(seats, me.orgId ?? '', me.userId);
    const chosen = candidates.slice(0, 3).map((c) => seats.find((s) => s.userId === c.userId)!);
    const before = sim.org.users.map((u) => ({ ...u }));
    const owned = await connector.ownedSeats!();
    expect(owned).toEqual([{ licenseType: 'Licensed', owned: sim.org.licenses, used: before.filter((u) => u.type === 2 && u.status !== 'inactive').length }]);

    const patches = () => sim.stats.log.filter((e) => e.method === 'PATCH');
    for (const seat of chosen) await connector.reclaim({ ...seat, downgradeTo: 'Basic' }, 'downgrade');
    expect(patches().map((e) => [e.path, e.status])).toEqual(chosen.map((s) => [`/v2/users/${s.userId}`, 204]));
    const downgraded = new Set(chosen.map((s) => s.userId));
    expect(sim.org.users).toEqual(before.map((u) => (downgraded.has(u.id) ? { ...u, type: 1 } : u)));
    expect((await connector.ownedSeats!())[0]).toEqual({ ...owned[0], used: owned[0]!.used - 3 });

    const after = await collect(connector.subscriptions());
    expect(after.filter((s) => downgraded.has(s.userId)).map((s) => [s.licenseType, s.paid])).toEqual([
      ['Basic', false],
      ['Basic', false],
      ['Basic', false],
    ]);

    const [first, second, third] = chosen;
    await connector.undo!({ ...first!, downgradeTo: 'Licensed' }, 'downgrade');
    await connector.undo!(second!, 'downgrade');
    expect(sim.org.users).toEqual(before.map((u) => (u.id === third!.userId ? { ...u, type: 1 } : u)));
    expect(http.requestCount).toBe(sim.stats.requests);
  });

  it('quotes Zoom when it refuses the undo because every license is assigned', async () => {
    const sim = await simulator({ users: 40, marginDays: [] });
    const { connector } = connectZoom({ baseUrl: sim.url, token: sim.token });
    const seat = (await collect(connector.subscriptions())).find((s) => s.paid && !s.owner)!;
    await connector.reclaim(seat, 'downgrade');
    sim.org.licenses = sim.org.users.filter((u) => u.type === 2 && u.status !== 'inactive').length;
    const err = (await caught(connector.undo!(seat, 'downgrade'))) as ConnectorError;
    expect(err.code).toBe('bad_request');
    expect(err.options.vendorMessage).toBe(`${ZOOM_NO_LICENSE.message} (Zoom error ${ZOOM_NO_LICENSE.code})`);
    expect(sim.user(seat.userId)?.type).toBe(1);
  });

  it('reports seats owned only where Zoom lets it: no billing scope or a free account is an error the sync notes', async () => {
    const sim = await simulator({ users: 40, marginDays: [], licenses: 77 });
    expect(await connectZoom({ baseUrl: sim.url, token: sim.token }).connector.ownedSeats!()).toEqual([
      { licenseType: 'Licensed', owned: 77, used: sim.org.users.filter((u) => u.type === 2 && u.status !== 'inactive').length },
    ]);
    const noBilling = connectZoom({ baseUrl: sim.url, token: sim.issueToken({ scopes: ['user:read:list_users:admin'] }) }).connector;
    expect(await caught(noBilling.ownedSeats!())).toMatchObject({ code: 'forbidden' });
    sim.knobs.plan = 'free';
    expect(await caught(connectZoom({ baseUrl: sim.url, token: sim.token }).connector.ownedSeats!())).toMatchObject({
      code: 'bad_request',
      options: { vendorMessage: 'Only available for paid account. (Zoom error 200)' },
    });
  });
});

describe('Zoom connector: several accounts', () => {
  it('keeps two Zoom accounts apart: each connection sees and changes only its own account', async () => {
    const sim = await simulator({ accounts: [{ seed: 11, users: 60, now: NOW }, { seed: 12, users: 45, now: NOW, domain: 'globex.example' }] });
    const [acme, globex] = sim.accounts;
    const a = connectZoom({ baseUrl: sim.url, token: acme!.token, accountId: acme!.accountId }).connector;
    const g = connectZoom({ baseUrl: sim.url, token: globex!.token, accountId: globex!.accountId }).connector;
    expect((await a.whoami()).orgId).toBe(acme!.accountId);
    expect((await g.whoami()).orgId).toBe(globex!.accountId);
    expect((await collect(a.subscriptions())).map((s) => s.userId)).toEqual(acme!.org.users.filter((u) => u.status === 'active').map((u) => u.id));
    expect((await collect(g.subscriptions())).map((s) => s.userId)).toEqual(globex!.org.users.filter((u) => u.status === 'active').map((u) => u.id));

    const seat = (await collect(a.subscriptions())).find((s) => s.paid && !s.owner)!;
    const err = (await caught(g.reclaim(seat, 'downgrade'))) as ConnectorError;
    expect(err.code).toBe('not_found');
    expect(acme!.user(seat.userId)?.type).toBe(2);
    await a.reclaim(seat, 'downgrade');
    expect(acme!.user(seat.userId)?.type).toBe(1);
  });
});

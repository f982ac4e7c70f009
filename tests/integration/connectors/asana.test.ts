import { afterEach, describe, expect, it } from 'vitest';
import { seedAsanaOrg, type AsanaSeedMember } from '../../../connectors/asana/simulator/seed.js';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { ActivityUnavailableError, ConnectorError } from '../../../connectors/http/index.js';
import { FakeClock, startOfUtcDay } from '../../../connectors/simulator-kit/index.js';
import type { SeatRecord } from '../../../connectors/types.js';
import { caught, collect, connectAsana } from './asana-harness.js';

const TOKEN = 'asana-sim-token-5f1c2e';
const SEED = 20250601;
const USERS = 1234;
/** Fixed for the whole file so the seed recomputed in a test matches the simulator's. */
const ORG_NOW = startOfUtcDay();

const sims: AsanaSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: Partial<Parameters<typeof startAsanaSimulator>[0]> = {}) {
  const sim = await startAsanaSimulator({ token: TOKEN, seed: SEED, users: USERS, now: ORG_NOW, ...options });
  sims.push(sim);
  return sim;
}

/** What the seed says Seatwise must see, computed from the org data alone. */
function expectedSeat(m: AsanaSeedMember) {
  const licenseType = m.isGuest ? 'Guest' : m.isViewOnly ? 'View-only member' : 'Paid member';
  return {
    userId: m.userGid,
    email: m.email,
    name: m.name,
    licenseType,
    active: m.isActive,
    admin: m.isAdmin,
    owner: false,
    paid: m.isActive && !m.isGuest && !m.isViewOnly,
    startedAt: m.createdAt,
  };
}

function comparable(seats: SeatRecord[]) {
  return seats.map(({ reclaimRef: _ref, lastActivityAt: _last, ...rest }) => rest);
}

describe('Asana connector against the Asana simulator', () => {
  it('downloads exactly the seeded seat set: paid members, guests and view-only as free', async () => {
    const sim = await simulator();
    const { connector, http, progress } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    const seats = await collect(connector.subscriptions());

    // Recomputed from (seed, size): the simulator's data is reproducible, not just self-consistent.
    const expected = seedAsanaOrg({ seed: SEED, users: USERS, now: ORG_NOW }).members.map(expectedSeat);
    expect(comparable(seats)).toEqual(expected);
    expect(seats).toHaveLength(USERS);
    const paid = expected.filter((s) => s.paid).length;
    expect(seats.filter((s) => s.paid)).toHaveLength(paid);
    expect(seats.filter((s) => !s.paid)).toHaveLength(USERS - paid);
    // The seed has every kind of seat, so the mapping is really exercised.
    for (const type of ['Paid member', 'Guest', 'View-only member']) expect(seats.some((s) => s.licenseType === type)).toBe(true);
    expect(seats.some((s) => !s.active)).toBe(true);
    expect(seats.map((s) => s.name)).toEqual(expect.arrayContaining(['Zoë Ødegård', 'José Núñez', '李雷']));
    expect(seats.every((s) => s.reclaimRef === sim.workspaceGid)).toBe(true);

    const pages = Math.ceil(USERS / 100);
    expect(progress.at(-1)).toEqual({ phase: 'download', pages, users: USERS });
    expect(http.requestCount).toBe(1 + pages); // GET /workspaces, then the pages
  });

  it('gets the identical seat set through a 429 and 500 storm without losing a request', async () => {
    const calm = await simulator();
    const baseline = await collect(connectAsana({ baseUrl: calm.url, token: TOKEN }).connector.subscriptions());

    const clock = new FakeClock();
    const stormy = await simulator({ clock: clock.now });
    stormy.knobs.rateLimit = { limit: 4, windowMs: 60_000, headers: 'retry-after' };
    stormy.knobs.failEveryNth = 3;
    const { connector, http } = connectAsana({ baseUrl: stormy.url, token: TOKEN, sleep: clock.sleep });
    const seats = await collect(connector.subscriptions());

    expect(seats).toEqual(baseline);
    expect(stormy.stats.rateLimited).toBeGreaterThan(0);
    expect(stormy.stats.serverErrors).toBeGreaterThan(0);
    const pagePath = `/api/1.0/workspaces/${stormy.workspaceGid}/workspace_memberships`;
    const servedPages = stormy.stats.requestsTo('GET', pagePath).filter((e) => e.status === 200);
    expect(servedPages).toHaveLength(Math.ceil(USERS / 100));
    expect(http.requestCount).toBe(stormy.stats.requests);
  });

  it('fails the download with a clear malformed error when a page is not JSON', async () => {
    const sim = await simulator();
    let pageRequests = 0;
    sim.knobs.malformedPage = (req) => req.path.endsWith('/workspace_memberships') && ++pageRequests === 3;
    const { connector } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('malformed');
    expect((err as ConnectorError).message).toBe(
      `Asana returned a page that is not JSON (GET /workspaces/${sim.workspaceGid}/workspace_memberships).`,
    );
  });

  it('reports a wrong token as unauthorized with Asana’s message and no secret', async () => {
    const sim = await simulator();
    const { connector } = connectAsana({ baseUrl: sim.url, token: 'wrong-token-abc' });
    const err = await caught(connector.whoami());
    expect((err as ConnectorError).code).toBe('unauthorized');
    expect((err as ConnectorError).message).toContain('Not Authorized');
    expect((err as ConnectorError).message).toContain('GET /users/me');
    expect((err as ConnectorError).message).not.toContain('wrong-token');
  });

  it('reports a URL where nothing listens as a network error', async () => {
    const sim = await simulator({ users: 5 });
    const deadUrl = sim.url;
    await sim.close();
    sims.splice(sims.indexOf(sim), 1);
    const { connector } = connectAsana({ baseUrl: deadUrl, token: TOKEN, maxAttempts: 2 });
    const err = await caught(collect(connector.subscriptions()));
    expect((err as ConnectorError).code).toBe('network');
    expect((err as ConnectorError).message).toContain('Could not reach Asana');
    expect((err as ConnectorError).message).toContain('GET /workspaces');
  });

  it('reads logins from the audit log stream: latest login per user since the start', async () => {
    const sim = await simulator();
    const now = new Date();
    const since = new Date(now.getTime() - 60 * 86_400_000);
    const { connector, progress } = connectAsana({ baseUrl: sim.url, token: TOKEN, now: () => now });
    const records = await collect(connector.activity(since));

    const logins = sim.org.events.filter((e) => e.eventType === 'user_login_succeeded' && Date.parse(e.createdAt) >= since.getTime());
    expect(records).toHaveLength(logins.length);
    const latest = new Map<string, string>();
    for (const r of records) if (r.userId && (latest.get(r.userId) ?? '') < r.at) latest.set(r.userId, r.at);
    const expected = new Map<string, string>();
    for (const e of logins) if ((expected.get(e.actorGid) ?? '') < e.createdAt) expected.set(e.actorGid, e.createdAt);
    expect(latest).toEqual(expected);
    // Some members never logged in: they must simply be absent, not invented.
    const activeMembers = sim.org.members.filter((m) => m.isActive);
    expect(activeMembers.some((m) => !latest.has(m.userGid))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'activity', users: expected.size });
  });

  it('throws ActivityUnavailableError on a plan without the audit log', async () => {
    const sim = await simulator({ plan: 'business' });
    const { connector } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    const err = await caught(collect(connector.activity(new Date(Date.now() - 30 * 86_400_000))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toMatch(/^Activity is not available on this Asana plan: .*premium/);
  });

  it('reclaims exactly one user with removeUser and undoes it with addUser', async () => {
    const sim = await simulator({ users: 150 });
    const { connector } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    const seats = await collect(connector.subscriptions());
    const target = seats.find((s) => s.paid && s.userId !== sim.org.meGid);
    if (!target) throw new Error('seed has no paid member to reclaim');
    const before = structuredClone(sim.org.members);

    expect(connector.planReclaim(target)).toEqual({
      method: 'POST',
      url: `${sim.url}/workspaces/${sim.workspaceGid}/removeUser`,
      body: { data: { user: target.userId } },
    });
    await connector.reclaim(target);
    const changed = sim.org.members.filter((m, i) => JSON.stringify(m) !== JSON.stringify(before[i]));
    expect(changed.map((m) => m.userGid)).toEqual([target.userId]);
    expect(sim.member(target.userId)?.isActive).toBe(false);
    const after = await collect(connector.subscriptions());
    expect(after.find((s) => s.userId === target.userId)).toMatchObject({ active: false, paid: false });

    expect(connector.planUndo?.(target).url).toBe(`${sim.url}/workspaces/${sim.workspaceGid}/addUser`);
    await connector.undo?.(target);
    expect(sim.org.members).toEqual(before);
  });

  it('refuses reclaim clearly when the connected account is not an admin', async () => {
    const sim = await simulator({ users: 20 });
    const { connector } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    const seats = await collect(connector.subscriptions());
    const me = sim.member(sim.org.meGid);
    if (!me) throw new Error('no connected member');
    me.isAdmin = false;
    const target = seats.find((s) => s.userId !== sim.org.meGid);
    if (!target) throw new Error('no target');
    const err = await caught(connector.reclaim(target));
    expect((err as ConnectorError).code).toBe('forbidden');
    expect((err as ConnectorError).message).toContain('admin');
    expect(sim.member(target.userId)?.isActive).toBe(target.active);
    const probe = await connector.probe('reclaim');
    expect(probe.ok).toBe(false);
    expect(probe.message).toContain('not an admin');
  });

  it('probes each process with a cheap real call', async () => {
    const sim = await simulator({ users: 40 });
    const { connector } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    expect(await connector.probe('download')).toMatchObject({ process: 'download', ok: true });
    expect(await connector.probe('activity')).toMatchObject({ process: 'activity', ok: true });
    expect(await connector.probe('reclaim')).toMatchObject({ process: 'reclaim', ok: true });
    sim.knobs.plan = 'business';
    const activity = await connector.probe('activity');
    expect(activity.ok).toBe(false);
    expect(activity.message).toContain('premium');
  });

  it('says who is connected and uses the first workspace unless one is configured', async () => {
    const sim = await simulator({ users: 10 });
    const me = await connectAsana({ baseUrl: sim.url, token: TOKEN }).connector.whoami();
    expect(me).toEqual({
      userId: sim.org.meGid,
      name: 'Zoë Ødegård',
      email: 'zoe.odegard@acme.example',
      orgId: sim.workspaceGid,
      orgName: 'Acme Corporation',
    });
    const configured = connectAsana({ baseUrl: sim.url, token: TOKEN, workspace: sim.workspaceGid });
    expect(await collect(configured.connector.subscriptions())).toHaveLength(10);
    const wrong = connectAsana({ baseUrl: sim.url, token: TOKEN, workspace: '999' });
    const err = await caught(collect(wrong.connector.subscriptions()));
    expect((err as ConnectorError).code).toBe('not_found');
    expect((err as ConnectorError).message).toContain('Not a recognized ID');
  });

  it('seeds the same organisation from the same seed and size', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(seedAsanaOrg({ seed: 3, users: 300, now })).toEqual(seedAsanaOrg({ seed: 3, users: 300, now }));
    expect(seedAsanaOrg({ seed: 4, users: 300, now })).not.toEqual(seedAsanaOrg({ seed: 3, users: 300, now }));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { CustomConfigInput } from '../../../connectors/custom/config.js';
import { CUSTOM_FREE_PLANS, seedCustomOrg, startRestAppSimulator, type CustomSeedUser, type RestAppSimulatorHandle } from '../../../connectors/custom/simulator/index.js';
import { ActivityUnavailableError, ConnectorError } from '../../../connectors/http/index.js';
import { startOfUtcDay } from '../../../connectors/simulator-kit/index.js';
import { caught, collect } from './asana-harness.js';
import { connectCustom } from './custom-harness.js';

const TOKEN = 'rest-app-token-9d2b';
const SEED = 424242;
const USERS = 263;
const ORG_NOW = startOfUtcDay();

const sims: RestAppSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator() {
  const sim = await startRestAppSimulator({ token: TOKEN, seed: SEED, users: USERS, now: ORG_NOW });
  sims.push(sim);
  return sim;
}

const fields = {
  id: 'id',
  email: 'profile.email',
  name: 'profile.full_name',
  licenseType: 'plan',
  active: 'status',
  activeValues: ['active'],
  lastActivity: 'last_seen_at',
  startedAt: 'created_at',
} satisfies CustomConfigInput['fields'];

function config(pagination: CustomConfigInput['users']['pagination'], extra: Partial<CustomConfigInput> = {}): CustomConfigInput {
  return {
    users: { path: '/users', pagination, itemsPath: 'data' },
    fields,
    constantLicenseType: 'Member',
    paid: { freeLicenseTypes: [...CUSTOM_FREE_PLANS] },
    reclaim: { method: 'PATCH', path: '/users/{id}', body: { status: 'suspended' } },
    undo: { method: 'PATCH', path: '/users/{id}', body: { status: 'active' } },
    whoami: { path: '/me', idPath: 'id', namePath: 'name', emailPath: 'email' },
    ...extra,
  };
}

const STYLES: Record<string, CustomConfigInput['users']['pagination']> = {
  offset: { style: 'offset', offsetParam: 'offset', limitParam: 'limit', pageSize: 40 },
  page: { style: 'page', pageParam: 'page', sizeParam: 'per_page', firstPage: 1, pageSize: 30, totalPath: 'meta.total' },
  cursor: { style: 'cursor', cursorParam: 'cursor', nextPath: 'meta.next_cursor', sizeParam: 'limit', pageSize: 50 },
  link: { style: 'link', sizeParam: 'limit', pageSize: 45 },
};

function expectedSeat(u: CustomSeedUser) {
  const licenseType = u.plan ?? 'Member';
  return {
    userId: u.id,
    email: u.email,
    name: u.name,
    licenseType,
    active: u.active,
    admin: false,
    owner: false,
    paid: u.active && !(CUSTOM_FREE_PLANS as string[]).includes(licenseType),
    startedAt: u.createdAt,
    ...(u.lastSeenAt ? { lastActivityAt: u.lastSeenAt } : {}),
  };
}


describe('Custom connector against the REST app simulator', () => {
  it('offset, page, cursor and Link paging give the same, exact seat set', async () => {
    const sim = await simulator();
    const expected = seedCustomOrg({ seed: SEED, users: USERS, now: ORG_NOW }).users.map(expectedSeat);
    for (const [style, pagination] of Object.entries(STYLES)) {
      const { connector, progress } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: config(pagination) });
      const seats = await collect(connector.subscriptions());
      expect(seats, style).toEqual(expected);
      expect(progress.at(-1), style).toMatchObject({ phase: 'download', users: USERS });
    }
    // The seed really exercises the mapping: free plans, no plan, suspended users, never seen.
    const seed = seedCustomOrg({ seed: SEED, users: USERS, now: ORG_NOW }).users;
    expect(seed.some((u) => !u.plan)).toBe(true);
    expect(seed.some((u) => !u.active)).toBe(true);
    expect(seed.some((u) => u.plan === 'Guest')).toBe(true);
    expect(seed.some((u) => !u.lastSeenAt)).toBe(true);
  });

  it('whoami reads the configured endpoint; probe checks download and activity', async () => {
    const sim = await simulator();
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: config(STYLES.offset!) });
    await expect(connector.whoami()).resolves.toMatchObject({ userId: 'svc-seatwise', name: 'Seatwise service account' });
    await expect(connector.probe('download')).resolves.toMatchObject({ ok: true });
    await expect(connector.probe('activity')).resolves.toMatchObject({ ok: true });
  });

  it('maps an activity endpoint: latest sign-ins since the date, Link-paged', async () => {
    const sim = await simulator();
    const since = new Date(ORG_NOW.getTime() - 60 * 86_400_000);
    const activity = {
      path: '/logins',
      sinceParam: 'since',
      itemsPath: 'data',
      userIdPath: 'user_id',
      emailPath: 'email',
      timestampPath: 'at',
      pagination: { style: 'link', sizeParam: 'limit', pageSize: 100 },
    } satisfies CustomConfigInput['activity'];
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: config(STYLES.offset!, { activity }) });
    const records = await collect(connector.activity(since));
    const expected = sim.logins.filter((e) => Date.parse(e.at) >= since.getTime()).map((e) => ({ userId: e.userId, email: e.email, at: e.at }));
    expect(records).toEqual(expected);
    expect(records.length).toBeGreaterThan(100);
  });

  it('with only a last-activity field, activity is available and came with the seats', async () => {
    const sim = await simulator();
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: config(STYLES.link!) });
    expect(await collect(connector.activity(new Date(0)))).toEqual([]);
  });

  it('with neither, activity is unavailable', async () => {
    const sim = await simulator();
    const { lastActivity: _drop, ...noLast } = fields;
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: { ...config(STYLES.link!), fields: noLast } });
    expect(await caught(collect(connector.activity(new Date(0))))).toBeInstanceOf(ActivityUnavailableError);
  });

  it('reclaim and undo send the templated call to exactly that user', async () => {
    const sim = await simulator();
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: config(STYLES.offset!) });
    const seats = await collect(connector.subscriptions());
    const target = seats.find((s) => s.paid)!;
    expect(connector.planReclaim(target)).toEqual({ method: 'PATCH', url: `${sim.url}/users/${target.userId}`, body: { status: 'suspended' } });
    const before = sim.org.users.filter((u) => !u.active).map((u) => u.id);
    await connector.reclaim(target);
    expect(sim.org.users.filter((u) => !u.active).map((u) => u.id).sort()).toEqual([...before, target.userId].sort());
    await connector.undo!(target);
    expect(sim.user(target.userId)?.active).toBe(true);
    expect(sim.org.users.filter((u) => !u.active).map((u) => u.id)).toEqual(before);
  });

  it('a malformed page fails the download clearly', async () => {
    const sim = await simulator();
    let n = 0;
    sim.knobs.malformedPage = (req) => req.path.endsWith('/users') && ++n === 3;
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: config(STYLES.offset!), maxAttempts: 1 });
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('malformed');
    expect((err as Error).message).toMatch(/not JSON/);
  });

  it('a page whose list sits elsewhere fails as malformed, naming the path', async () => {
    const sim = await simulator();
    const wrong = { ...config(STYLES.offset!), users: { path: '/users', pagination: STYLES.offset!, itemsPath: 'users' } };
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: wrong });
    const err = await caught(collect(connector.subscriptions()));
    expect((err as ConnectorError).code).toBe('malformed');
    expect((err as Error).message).toMatch(/users is missing or not a list/);
  });

  it('a wrong token fails clearly as unauthorized', async () => {
    const sim = await simulator();
    const { connector } = connectCustom({ baseUrl: sim.url, token: 'wrong', config: config(STYLES.offset!) });
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('unauthorized');
    expect((err as Error).message).toMatch(/access token is missing, invalid or expired/);
    expect((err as Error).message).not.toContain('wrong');
  });

  it('an invalid configuration is a config error', async () => {
    const sim = await simulator();
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, config: { ...config(STYLES.offset!), fields: { ...fields, id: 'emails[primary eq' } } });
    const err = await caught(collect(connector.subscriptions()));
    expect((err as ConnectorError).code).toBe('config');
  });
});

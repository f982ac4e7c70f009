/**
 * The SCIM 2.0 preset of the custom connector against a real SCIM server: scimmy (RFC 7643/7644)
 * behind scimmy-routers on Express, with our own in-memory storage and bearer-token auth.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scimPreset } from '../../../connectors/custom/config.js';
import { SCIM_NO_ACTIVITY } from '../../../connectors/custom/connector.js';
import { seedCustomOrg, type CustomSeedUser } from '../../../connectors/custom/simulator/index.js';
import { ActivityUnavailableError, ConnectorError } from '../../../connectors/http/index.js';
import { startOfUtcDay } from '../../../connectors/simulator-kit/index.js';
import { caught, collect } from './asana-harness.js';
import { connectCustom } from './custom-harness.js';

const TOKEN = 'scim-bearer-7e1f0c';
const SEED = 31337;
const USERS = 250;
/** The server's largest page: smaller than the connector's count of 100. */
const SERVER_MAX_PAGE = 40;
const ORG_NOW = startOfUtcDay();

interface StoredUser {
  id: string;
  userName: string;
  displayName: string;
  name: { formatted: string; givenName: string; familyName: string };
  emails: Array<{ value: string; type: string; primary: boolean }>;
  active: boolean;
  roles?: Array<{ value: string }>;
}

/** The scimmy store: what the SCIM server holds, by id. */
let store = new Map<string, StoredUser>();
let requests: Array<{ method: string; url: string }> = [];

function stored(u: CustomSeedUser): StoredUser {
  return {
    id: u.id,
    userName: u.userName,
    displayName: u.name,
    name: { formatted: u.name, givenName: u.givenName, familyName: u.familyName },
    // The primary address is second: the preset must pick it by the filter, not by position.
    emails: [
      { value: `${u.id}@personal.example`, type: 'home', primary: false },
      { value: u.email, type: 'work', primary: true },
    ],
    active: u.active,
    ...(u.plan ? { roles: [{ value: u.plan }] } : {}),
  };
}

const seeded = seedCustomOrg({ seed: SEED, users: USERS, now: ORG_NOW }).users;

SCIMMY.Resources.declare(SCIMMY.Resources.User)
  .egress((resource) => {
    if (resource.id) {
      const u = store.get(resource.id);
      if (!u) throw new Error(`no user ${resource.id}`);
      return structuredClone(u);
    }
    return [...store.values()].map((u) => structuredClone(u));
  })
  .ingress((resource, data) => {
    const id = resource.id ?? `new-${store.size + 1}`;
    const next = { ...(JSON.parse(JSON.stringify(data)) as StoredUser), id };
    store.set(id, next);
    return structuredClone(next);
  })
  .degress((resource) => {
    if (!resource.id || !store.delete(resource.id)) throw new Error(`no user ${resource.id ?? ''}`);
  });

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const app = express();
  // scimmy reads startIndex and count only as numbers, so the query parser hands them over as
  // numbers; it also applies the server's own page limit (a larger count gets fewer results).
  app.set('query parser', (query: string) => {
    const out: Record<string, string | number> = Object.fromEntries(new URLSearchParams(query));
    for (const key of ['startIndex', 'count']) if (key in out && /^\d+$/.test(String(out[key]))) out[key] = Number(out[key]);
    if (typeof out.count === 'number') out.count = Math.min(out.count, SERVER_MAX_PAGE);
    return out;
  });
  app.use((req, _res, next) => {
    requests.push({ method: req.method, url: req.url });
    next();
  });
  app.use('/scim/v2', scimRouter());
  server = await listen(app);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
});

function scimRouter() {
  return new SCIMMYRouters({
    type: 'bearer',
    docUri: 'https://example.com/help/scim-auth.html',
    handler: (request: express.Request) => {
      if (request.header('Authorization') !== `Bearer ${TOKEN}`) throw new Error('The bearer token is missing or invalid');
      return 'seatwise';
    },
  });
}

function listen(app: express.Express): Promise<Server> {
  return new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  store = new Map(seeded.map((u) => [u.id, stored(u)]));
  requests = [];
});

function expectedSeat(u: CustomSeedUser) {
  return {
    userId: u.id,
    email: u.email,
    name: u.name,
    licenseType: u.plan ?? 'SCIM user',
    active: u.active,
    admin: false,
    owner: false,
    paid: u.active,
  };
}

const comparable = (seats: Array<Record<string, unknown>>) => seats.map(({ startedAt: _s, lastActivityAt: _l, ...rest }) => rest);


describe('SCIM 2.0 preset against a real SCIM server (scimmy)', () => {
  it('downloads exactly the seeded seat set, paging by what the server returned', async () => {
    const { connector, progress } = connectCustom({ baseUrl, token: TOKEN, preset: 'scim' });
    const seats = await collect(connector.subscriptions());
    expect(comparable(seats as unknown as Array<Record<string, unknown>>)).toEqual(seeded.map(expectedSeat));
    expect(seats.some((s) => s.licenseType === 'SCIM user')).toBe(true);
    expect(seats.some((s) => !s.active && !s.paid)).toBe(true);
    // 250 users at the server's 40 per page: 7 pages, each asked from where the last one ended.
    const pages = requests.filter((r) => r.url.startsWith('/scim/v2/Users?'));
    expect(pages).toHaveLength(Math.ceil(USERS / SERVER_MAX_PAGE));
    expect(pages.map((r) => new URL(r.url, 'http://x').searchParams.get('startIndex'))).toEqual(['1', '41', '81', '121', '161', '201', '241']);
    expect(progress.at(-1)).toMatchObject({ phase: 'download', users: USERS });
  });

  it('the preset JSON in options.custom works the same as options.preset', async () => {
    const { connector } = connectCustom({ baseUrl, token: TOKEN, config: scimPreset(baseUrl) });
    const seats = await collect(connector.subscriptions());
    expect(seats).toHaveLength(USERS);
  });

  it('whoami tests the connection through /ServiceProviderConfig and names the host', async () => {
    const { connector } = connectCustom({ baseUrl, token: TOKEN, preset: 'scim' });
    const me = await connector.whoami();
    expect(me.name).toBe(new URL(baseUrl).host);
    expect(requests.at(-1)?.url).toBe('/scim/v2/ServiceProviderConfig');
    await expect(connector.probe('download')).resolves.toMatchObject({ ok: true });
    await expect(connector.probe('reclaim')).resolves.toMatchObject({ ok: true });
    await expect(connector.probe('activity')).resolves.toEqual({ process: 'activity', ok: false, message: SCIM_NO_ACTIVITY });
  });

  it('activity is unavailable: no inactivity candidates', async () => {
    const { connector } = connectCustom({ baseUrl, token: TOKEN, preset: 'scim' });
    const err = await caught(collect(connector.activity(new Date(0))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toBe(SCIM_NO_ACTIVITY);
  });

  it('reclaim deactivates exactly that user in the SCIM store; undo reactivates', async () => {
    const { connector } = connectCustom({ baseUrl, token: TOKEN, preset: 'scim' });
    const seats = await collect(connector.subscriptions());
    const target = seats.find((s) => s.paid && s.licenseType === 'Pro')!;
    const before = structuredClone([...store.values()]);

    expect(connector.planReclaim(target)).toEqual({
      method: 'PATCH',
      url: `${baseUrl}/Users/${target.userId}`,
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] },
    });
    await connector.reclaim(target);
    const after = [...store.values()];
    expect(store.get(target.userId)?.active).toBe(false);
    const changed = after.filter((u, i) => JSON.stringify(u) !== JSON.stringify(before[i]));
    expect(changed.map((u) => u.id)).toEqual([target.userId]);
    // Nothing but active changed on that user.
    expect({ ...store.get(target.userId), active: true }).toMatchObject({ id: target.userId, userName: before.find((u) => u.id === target.userId)?.userName });

    await connector.undo!(target);
    expect(store.get(target.userId)?.active).toBe(true);
    expect((await collect(connector.subscriptions())).find((s) => s.userId === target.userId)).toMatchObject({ active: true, paid: true });
  });

  it('a server that ignores startIndex fails clearly instead of listing users twice', async () => {
    // Stock Express hands scimmy startIndex as a string, which it ignores: every page is page 1.
    const app = express();
    app.use('/scim/v2', scimRouter());
    const stock = await listen(app);
    try {
      const url = `http://127.0.0.1:${(stock.address() as AddressInfo).port}/scim/v2`;
      const { connector } = connectCustom({ baseUrl: url, token: TOKEN, preset: 'scim' });
      const err = (await caught(collect(connector.subscriptions()))) as ConnectorError;
      expect(err.code).toBe('malformed');
      expect(err.message).toMatch(/answered startIndex 1 when asked for 21/);
    } finally {
      await new Promise<void>((resolve) => stock.close(() => resolve()));
    }
  });

  it('reclaiming an unknown user fails with the SCIM detail', async () => {
    const { connector } = connectCustom({ baseUrl, token: TOKEN, preset: 'scim' });
    const err = await caught(connector.reclaim({ ...expectedSeat(seeded[0]!), userId: 'no-such-user' }));
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('not_found');
    expect((err as Error).message).toMatch(/not found/);
  });

  it('a wrong token fails clearly as unauthorized, with the server detail', async () => {
    const { connector } = connectCustom({ baseUrl, token: 'nope', preset: 'scim' });
    const err = await caught(collect(connector.subscriptions()));
    expect((err as ConnectorError).code).toBe('unauthorized');
    expect((err as Error).message).toMatch(/bearer token is missing or invalid/);
  });
});

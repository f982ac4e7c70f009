import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, createHttpClient, type AuthProvider, type HttpClient } from '../../../connectors/http/index.js';
import { createSalesforceConnector } from '../../../connectors/salesforce/connector.js';
import { salesforceDescriptor } from '../../../connectors/salesforce/descriptor.js';
import { salesforceHttpOptions } from '../../../connectors/salesforce/http-options.js';
import { isPaidSeat, seedSalesforceOrg, usedLicenses, type SalesforceSeedUser } from '../../../connectors/salesforce/simulator/seed.js';
import { startSalesforceSimulator, type SalesforceSimulatorHandle, type SalesforceSimulatorOptions } from '../../../connectors/salesforce/simulator/index.js';
import { FakeClock, startOfUtcDay } from '../../../connectors/simulator-kit/index.js';
import type { Connector, SeatRecord, SyncProgress } from '../../../connectors/types.js';
import { fetchClientCredentialsToken } from '../../../main/auth/client-credentials.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

const SEED = 20250602;
/** Over two batches of 2000: the listing must follow nextRecordsUrl twice. */
const USERS = 4321;
/** Fixed for the whole file so the seed recomputed in a test matches the simulator's. */
const ORG_NOW = startOfUtcDay();
const QUERY = '/services/data/v62.0/query';

const sims: SalesforceSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: SalesforceSimulatorOptions = {}): Promise<SalesforceSimulatorHandle> {
  const sim = await startSalesforceSimulator({ seed: SEED, users: USERS, now: ORG_NOW, ...options });
  sims.push(sim);
  return sim;
}

interface Harness {
  connector: Connector;
  http: HttpClient;
  progress: Array<Partial<SyncProgress>>;
}

/** A real connector over a real HttpClient, built the way main/sync/connection.ts builds it. */
function connect(sim: SalesforceSimulatorHandle, options: { auth?: AuthProvider; sleep?: (ms: number) => Promise<void> } = {}): Harness {
  const progress: Array<Partial<SyncProgress>> = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: sim.url,
    vendorName: salesforceDescriptor.displayName,
    auth: options.auth ?? bearerAuth(sim.token),
    signal,
    // Waits are recorded, not slept: retry tests stay fast and never depend on timing.
    sleep: options.sleep ?? (async () => undefined),
    policy: { maxAttempts: 6, timeoutMs: 10_000 },
    ...salesforceHttpOptions,
  });
  const connector = createSalesforceConnector({
    http,
    settings: { baseUrl: sim.url, grantType: 'client_credentials', options: {} },
    signal,
    progress: (update) => progress.push(update),
    now: () => new Date(),
  });
  return { connector, http, progress };
}

/**
 * What main's client credentials provider does, small: a session from the token endpoint
 * (grant_type=client_credentials), and on refresh simply a new one (no refresh token).
 */
function clientCredentialsAuth(sim: SalesforceSimulatorHandle): AuthProvider & { readonly refreshes: number; readonly grants: number } {
  let token: string | undefined;
  let refreshes = 0;
  let grants = 0;
  async function fetchToken(): Promise<void> {
    const res = await fetch(sim.oauth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.oauth.clientId, client_secret: sim.oauth.clientSecret }),
    });
    if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
    token = ((await res.json()) as { access_token: string }).access_token;
    grants += 1;
  }
  return {
    get refreshes() {
      return refreshes;
    },
    get grants() {
      return grants;
    },
    async apply(headers) {
      if (!token) await fetchToken();
      headers.set('authorization', `Bearer ${token}`);
    },
    async refresh() {
      refreshes += 1;
      await fetchToken();
      return true;
    },
  };
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const FREE = new Set(['Chatter Free', 'Chatter External', 'Guest User License']);

/** What the seed says Seatwise must see, computed from the org data alone. */
function expectedSeat(u: SalesforceSeedUser): SeatRecord {
  const seat: SeatRecord = {
    userId: u.id,
    email: u.email,
    name: u.name,
    licenseType: u.licenseName,
    active: u.isActive,
    admin: u.profileName === 'System Administrator',
    owner: false,
    paid: u.isActive && !FREE.has(u.licenseName),
    startedAt: u.createdDate,
    // The profile decides the license: what a downgrade's Undo assigns again.
    reclaimRef: u.profileId,
  };
  if (u.lastLoginDate) seat.lastActivityAt = u.lastLoginDate;
  return seat;
}

describe('Salesforce connector against the Salesforce simulator', () => {
  it('downloads exactly the seeded users: paid seats, free licenses and inactive users apart', async () => {
    const sim = await simulator();
    const { connector, http, progress } = connect(sim);
    const seats = await collect(connector.subscriptions());

    // Recomputed from (seed, size): the simulator's data is reproducible, not just self-consistent.
    const org = seedSalesforceOrg({ seed: SEED, users: USERS, now: ORG_NOW });
    expect(seats).toEqual(org.users.map(expectedSeat));
    expect(seats.filter((s) => s.paid).map((s) => s.userId)).toEqual(org.users.filter(isPaidSeat).map((u) => u.id));
    // Every kind of seat is in the seed, so every branch of the mapping really ran.
    for (const type of ['Salesforce', 'Salesforce Platform', 'Chatter Free', 'Chatter External', 'Guest User License']) {
      expect(seats.some((s) => s.licenseType === type && s.active)).toBe(true);
    }
    expect(seats.some((s) => FREE.has(s.licenseType) && s.active && !s.paid)).toBe(true);
    expect(seats.some((s) => !s.active && !FREE.has(s.licenseType) && !s.paid)).toBe(true);
    expect(seats.some((s) => s.active && s.lastActivityAt === undefined)).toBe(true);
    expect(org.users.some((u) => u.recentJoiner)).toBe(true);
    expect(seats.map((s) => s.name)).toEqual(expect.arrayContaining(['Zoë Ødegård', 'José Núñez', '李雷']));

    const pages = Math.ceil(USERS / 2000);
    expect(progress.filter((p) => p.phase === 'download').at(-1)).toEqual({ phase: 'download', pages, users: USERS });
    expect(http.requestCount).toBe(pages);
    expect(sim.stats.requestsTo('GET', `${QUERY}/`)).toHaveLength(pages - 1);
  });

  it('gets the identical seat set through a 429 and 500 storm without losing a request', async () => {
    const baseline = await collect(connect(await simulator()).connector.subscriptions());

    const clock = new FakeClock();
    const stormy = await simulator({ clock: clock.now });
    stormy.knobs.rateLimit = { limit: 1, windowMs: 60_000, headers: 'retry-after' };
    stormy.knobs.failEveryNth = 2;
    const { connector, http } = connect(stormy, { sleep: clock.sleep });
    const seats = await collect(connector.subscriptions());

    expect(seats).toEqual(baseline);
    expect(stormy.stats.rateLimited).toBeGreaterThan(0);
    expect(stormy.stats.serverErrors).toBeGreaterThan(0);
    const served = stormy.stats.log.filter((e) => e.path.startsWith(QUERY) && e.status === 200);
    expect(served).toHaveLength(Math.ceil(USERS / 2000));
    expect(http.requestCount).toBe(stormy.stats.requests);
  });

  it('stops on REQUEST_LIMIT_EXCEEDED after one request, quoting the org’s API usage', async () => {
    const sim = await simulator({ apiUsage: 15_000, knobs: { dailyApiLimit: 15_000 } });
    const { connector, http } = connect(sim);
    const err = await caught(collect(connector.subscriptions()));

    expect(err.code).toBe('limit_exceeded');
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(
      "Salesforce's daily API limit for this org is used up (api-usage 15000/15000 from Sforce-Limit-Info); Seatwise stopped and will try again at the next scheduled run.",
    );
    expect(err.options.vendorMessage).toBe('TotalRequests Limit exceeded. (REQUEST_LIMIT_EXCEEDED)');
    // No retry storm: one request, and it did not spend more of the allowance.
    expect(sim.stats.requests).toBe(1);
    expect(http.requestCount).toBe(1);
    expect(sim.apiUsage()).toBe(15_000);
  });

  it('stops half way when the allowance runs out during the listing', async () => {
    const sim = await simulator({ apiUsage: 99_999, knobs: { dailyApiLimit: 100_000 } });
    const { connector } = connect(sim);
    const pages: SeatRecord[][] = [];
    const err = await caught(
      (async () => {
        for await (const page of connector.subscriptions()) pages.push(page);
      })(),
    );
    expect(pages).toHaveLength(1);
    expect(err.code).toBe('limit_exceeded');
    expect(err.message).toContain('api-usage 100000/100000');
    expect(sim.stats.requests).toBe(2);
  });

  it('the registry’s classify hook stops any other caller on the first REQUEST_LIMIT_EXCEEDED too', async () => {
    const sim = await simulator({ users: 5, apiUsage: 10, knobs: { dailyApiLimit: 10 } });
    const { http } = connect(sim);
    const err = await caught(http.request({ url: QUERY, query: { q: 'SELECT Id FROM User' } }));
    expect(err.code).toBe('limit_exceeded');
    expect(err.message).toContain('Seatwise stopped and will try again at the next scheduled run');
    expect(sim.stats.requests).toBe(1);
  });

  it('fails the download with a clear malformed error when a page is not JSON', async () => {
    const sim = await simulator();
    sim.knobs.malformedPage = (req) => req.path.startsWith(`${QUERY}/`);
    const { connector } = connect(sim);
    const err = await caught(collect(connector.subscriptions()));
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/^Salesforce CRM returned a page that is not JSON \(GET \/services\/data\/v62\.0\/query\/01g\w{15}-2000\)\.$/);
  });

  it('refreshes an expired session once and carries on where it was', async () => {
    const sim = await simulator();
    const auth = clientCredentialsAuth(sim);
    const { connector } = connect(sim, { auth });
    const seats: SeatRecord[] = [];
    for await (const page of connector.subscriptions()) {
      if (seats.length === 0) sim.expireSessions();
      seats.push(...page);
    }
    expect(seats).toHaveLength(USERS);
    expect(auth.refreshes).toBe(1);
    expect(auth.grants).toBe(2);
    expect(sim.stats.log.filter((e) => e.status === 401)).toHaveLength(1);
  });

  it('says who is connected, refreshing a session the identity endpoint calls Bad_OAuth_Token', async () => {
    const sim = await simulator({ users: 30 });
    const auth = clientCredentialsAuth(sim);
    const { connector } = connect(sim, { auth });
    const expected = { userId: sim.org.meId, name: 'Zoë Ødegård', email: 'zoe.odegard@acme.example', orgId: sim.org.orgId };
    expect(await connector.whoami()).toEqual(expected);

    sim.expireSessions();
    expect(await connector.whoami()).toEqual(expected);
    expect(auth.refreshes).toBe(1);
  });

  it('fails clearly when the session cannot be refreshed', async () => {
    const sim = await simulator({ users: 30 });
    const { connector } = connect(sim, { auth: bearerAuth('00Dxx0000000001!not-a-session') });
    const err = await caught(collect(connector.subscriptions()));
    expect(err.code).toBe('unauthorized');
    expect(err.message).toContain('Session expired or invalid (INVALID_SESSION_ID)');
    expect(err.message).not.toContain('not-a-session');
  });

  it('activity yields nothing extra: the last login came with the seats', async () => {
    const sim = await simulator({ users: 50 });
    const { connector, progress } = connect(sim);
    expect(await collect(connector.activity(new Date(Date.now() - 60 * 86_400_000)))).toEqual([]);
    expect(sim.stats.requests).toBe(0);
    expect(progress.at(-1)).toMatchObject({ phase: 'activity' });
    const seats = await collect(connector.subscriptions());
    const me = seats.find((s) => s.userId === sim.org.meId);
    expect(me?.lastActivityAt).toBe(sim.user(sim.org.meId)?.lastLoginDate);
  });

  it('reads seats owned per license from UserLicense, consistent with the users', async () => {
    const sim = await simulator();
    const owned = await connect(sim).connector.ownedSeats?.();
    const org = seedSalesforceOrg({ seed: SEED, users: USERS, now: ORG_NOW });
    const used = usedLicenses(org.users);
    expect(owned).toEqual(org.licenses.map((l) => ({ licenseType: l.name, owned: l.total, used: used.get(l.name) ?? 0 })));
    for (const l of owned ?? []) expect(l.owned).toBeGreaterThanOrEqual(l.used);
    expect(owned?.find((l) => l.licenseType === 'Salesforce')?.used).toBe(
      org.users.filter((u) => u.isActive && u.licenseName === 'Salesforce').length,
    );
  });

  it('reports an over-allocated license type when the org has one', async () => {
    const sim = await simulator({ users: 500, overAllocatedLicense: 'Salesforce Platform' });
    const owned = (await connect(sim).connector.ownedSeats?.()) ?? [];
    const over = owned.filter((l) => l.used > l.owned);
    expect(over.map((l) => l.licenseType)).toEqual(['Salesforce Platform']);
  });

  it('reclaims exactly one user by deactivating them, and undo reactivates', async () => {
    const sim = await simulator({ users: 200 });
    const { connector } = connect(sim);
    const seats = await collect(connector.subscriptions());
    const target = seats.find((s) => s.paid && s.userId !== sim.org.meId && s.licenseType === 'Salesforce');
    if (!target) throw new Error('seed has no paid user to reclaim');
    const before = structuredClone(sim.org.users);
    const usedBefore = (await connector.ownedSeats?.())?.find((l) => l.licenseType === 'Salesforce')?.used ?? 0;

    expect(connector.planReclaim(target)).toEqual({
      method: 'PATCH',
      url: `${sim.url}/services/data/v62.0/sobjects/User/${target.userId}`,
      body: { IsActive: false },
    });
    await connector.reclaim(target);
    const changed = sim.org.users.filter((u, i) => JSON.stringify(u) !== JSON.stringify(before[i]));
    expect(changed.map((u) => u.id)).toEqual([target.userId]);
    expect(sim.user(target.userId)?.isActive).toBe(false);
    expect(sim.stats.requestsTo('PATCH', '/services/data/v62.0/sobjects/User/').map((e) => e.status)).toEqual([204]);
    const after = await collect(connector.subscriptions());
    expect(after.find((s) => s.userId === target.userId)).toMatchObject({ active: false, paid: false });
    expect((await connector.ownedSeats?.())?.find((l) => l.licenseType === 'Salesforce')?.used).toBe(usedBefore - 1);

    expect(connector.planUndo?.(target)).toEqual({ ...connector.planReclaim(target), body: { IsActive: true } });
    await connector.undo?.(target);
    expect(sim.org.users).toEqual(before);
  });

  it('a 403 on one user’s PATCH fails that user only', async () => {
    const sim = await simulator({ users: 200 });
    const { connector } = connect(sim);
    const seats = (await collect(connector.subscriptions())).filter((s) => s.paid && s.userId !== sim.org.meId);
    const [blocked, fine] = seats as [SeatRecord, SeatRecord];
    sim.knobs.patchForbiddenFor = [blocked.userId];

    const err = await caught(connector.reclaim(blocked));
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain('insufficient access rights on object id (INSUFFICIENT_ACCESS_OR_READONLY)');
    expect(err.message).toContain(`PATCH /services/data/v62.0/sobjects/User/${blocked.userId}`);
    await connector.reclaim(fine);

    expect(sim.user(blocked.userId)?.isActive).toBe(true);
    expect(sim.user(fine.userId)?.isActive).toBe(false);
    // Refused once, not retried.
    expect(sim.stats.requestsTo('PATCH', `/services/data/v62.0/sobjects/User/${blocked.userId}`)).toHaveLength(1);
  });

  it('refuses reclaim clearly when the connected user lacks Manage Internal Users', async () => {
    const sim = await simulator({ users: 40 });
    const { connector } = connect(sim);
    expect(await connector.probe('reclaim')).toMatchObject({ process: 'reclaim', ok: true });
    const me = sim.user(sim.org.meId);
    if (!me) throw new Error('no connected user');
    me.manageUsers = false;
    const target = (await collect(connector.subscriptions())).find((s) => s.paid && s.userId !== me.id) as SeatRecord;
    const err = await caught(connector.reclaim(target));
    expect(err.code).toBe('forbidden');
    expect(sim.user(target.userId)?.isActive).toBe(true);
    const probe = await connector.probe('reclaim');
    expect(probe.ok).toBe(false);
    expect(probe.message).toContain('Manage Internal Users');
  });

  it('probes download and activity with cheap real calls', async () => {
    const sim = await simulator({ users: 40 });
    const { connector } = connect(sim);
    expect(await connector.probe('download')).toMatchObject({ process: 'download', ok: true });
    expect(await connector.probe('activity')).toMatchObject({ process: 'activity', ok: true });
    expect(sim.stats.log.every((e) => e.path === QUERY)).toBe(true);

    sim.knobs.dailyApiLimit = sim.apiUsage();
    const download = await connector.probe('download');
    expect(download.ok).toBe(false);
    expect(download.message).toContain('daily API limit');
  });
});

describe('Salesforce client credentials token endpoint (simulator)', () => {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

  it('issues a session for the Run As user with the right secret, posted or Basic', async () => {
    const sim = await simulator({ users: 10 });
    const { clientId, clientSecret, tokenUrl } = sim.oauth;
    const posted = await fetch(tokenUrl, form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }));
    expect(posted.status).toBe(200);
    const body = (await posted.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type']);
    expect(body).toMatchObject({ instance_url: sim.url, id: `${sim.url}/id/${sim.org.orgId}/${sim.org.meId}`, token_type: 'Bearer', scope: 'api id' });
    expect(String(body.issued_at)).toMatch(/^\d{13}$/);

    const basic = await fetch(tokenUrl, {
      ...form({ grant_type: 'client_credentials' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    });
    expect(basic.status).toBe(200);
    const token = ((await basic.json()) as { access_token: string }).access_token;
    const me = await connect(sim, { auth: bearerAuth(token) }).connector.whoami();
    expect(me.userId).toBe(sim.org.meId);
  });

  it('refuses a wrong secret with Salesforce\'s invalid_client answer', async () => {
    const sim = await simulator({ users: 10 });
    const res = await fetch(sim.oauth.tokenUrl, form({ grant_type: 'client_credentials', client_id: sim.oauth.clientId, client_secret: 'wrong-secret' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const unknown = await fetch(sim.oauth.tokenUrl, form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }));
    expect(await unknown.json()).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
  });

  it('works with Seatwise\'s own client credentials code, good and bad secret', async () => {
    const sim = await simulator({ users: 10 });
    const settings = { tokenUrl: sim.oauth.tokenUrl, clientId: sim.oauth.clientId, scopes: ['api', 'id'] };
    const tokens = await fetchClientCredentialsToken({ settings, clientSecret: sim.oauth.clientSecret });
    expect(tokens).toMatchObject({ instanceUrl: sim.url, scope: 'api id' });
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.expiresAt).toBeUndefined();
    const me = await connect(sim, { auth: bearerAuth(tokens.accessToken) }).connector.whoami();
    expect(me.userId).toBe(sim.org.meId);

    await expect(fetchClientCredentialsToken({ settings, clientSecret: 'wrong-secret-0123456789' })).rejects.toMatchObject({
      code: 'token_exchange_failed',
      retryable: false,
    });
  });

  it('answers "no client credentials user enabled" when the app has no Run As user', async () => {
    const sim = await simulator({ users: 10, knobs: { clientCredentialsEnabled: false } });
    const res = await fetch(sim.oauth.tokenUrl, form({ grant_type: 'client_credentials', client_id: sim.oauth.clientId, client_secret: sim.oauth.clientSecret }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'no client credentials user enabled' });
  });
});

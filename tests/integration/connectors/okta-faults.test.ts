/**
 * The Okta connector when Okta refuses or misbehaves: a bad token (Okta's 401 E0000011), the
 * wrong Authorization scheme, a System Log the role or scope may not read (activity
 * unavailable, saying what to grant), rate limits answered with X-Rate-Limit-Reset, hostile
 * next links, non-JSON pages, the Admin Console's address, and a service app's OAuth token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityUnavailableError, ConnectorError, createHttpClient, type AuthProvider } from '../../../connectors/http/index.js';
import { oktaEntry } from '../../../connectors/okta/entry.js';
import { startOktaSimulator, type OktaSimulatorHandle, type OktaSimulatorOptions } from '../../../connectors/okta/simulator/index.js';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import type { GrantType, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';
import { sswsAuth } from '../../helpers/ssws-auth.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 4, 14, 12));
const SEED = 4242;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function simulator(options: OktaSimulatorOptions = {}): Promise<OktaSimulatorHandle> {
  const sim = await startOktaSimulator({ seed: SEED, users: 120, now: NOW, ...options });
  closers.push(() => sim.close());
  return sim;
}

function connect(
  sim: OktaSimulatorHandle,
  options: { auth?: AuthProvider; grantType?: GrantType; baseUrl?: string; sleep?: (ms: number) => Promise<void>; clientId?: string; fetch?: typeof fetch } = {},
) {
  const progress: Array<Partial<SyncProgress>> = [];
  const waits: number[] = [];
  const signal = new AbortController().signal;
  const baseUrl = options.baseUrl ?? sim.url;
  const http = createHttpClient({
    baseUrl,
    vendorName: oktaEntry.descriptor.displayName,
    auth: options.auth ?? sswsAuth(sim.token),
    signal,
    // Waits are recorded (and moved on a fake clock when given), never slept.
    sleep: async (ms) => {
      waits.push(ms);
      await options.sleep?.(ms);
    },
    random: () => 0.5,
    fetch: options.fetch,
    policy: { maxAttempts: 3, timeoutMs: 10_000 },
    ...oktaEntry.http,
  });
  const connector = oktaEntry.create({
    http,
    settings: { baseUrl, grantType: options.grantType ?? 'token', clientId: options.clientId, options: {} },
    signal,
    progress: (update) => progress.push(update),
    now: () => NOW,
  });
  return { connector, http, progress, waits };
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('Okta connector: credentials', () => {
  it('passes on Okta’s 401 body for a bad API token, after its one refresh', async () => {
    const sim = await simulator();
    const auth = sswsAuth('00not-a-real-token');
    const err = await caught(collect(connect(sim, { auth }).connector.subscriptions()));
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ code: 'unauthorized', status: 401 });
    expect((err as Error).message).toContain('Invalid token provided (Okta E0000011)');
    expect((err as Error).message).not.toContain('00not-a-real-token');
    expect(auth.refreshes).toBe(1);
  });

  it('goes on with a token pasted meanwhile', async () => {
    const sim = await simulator();
    const auth = sswsAuth('00stale', { refreshTo: sim.token });
    expect((await collect(connect(sim, { auth }).connector.subscriptions())).length).toBe(sim.org.users.length);
  });

  it('is refused when an API token is sent as Bearer: Okta needs the SSWS scheme', async () => {
    const sim = await simulator();
    const err = await caught(connect(sim, { auth: bearerAuth(sim.token) }).connector.whoami());
    expect(err).toMatchObject({ code: 'unauthorized' });
    expect((err as Error).message).toContain('E0000011');
  });

  it('works with a service app’s OAuth access token carrying the three scopes', async () => {
    const sim = await simulator();
    const token = sim.issueAccessToken();
    const { connector } = connect(sim, { auth: bearerAuth(token), grantType: 'client_credentials', clientId: '0oaSeatwiseService01' });
    expect(await connector.whoami()).toMatchObject({ userId: '0oaSeatwiseService01' });
    // A service app is no user: whoami must not ask for /api/v1/users/me.
    expect(sim.stats.requestsTo('GET', '/api/v1/users/me')).toHaveLength(0);
    expect((await collect(connector.directory!.people())).length).toBe(sim.org.users.length);
    const app = sim.org.apps.find((a) => a.label === 'Asana')!;
    expect((await collect(connector.directory!.signIns(app.id, new Date(NOW.getTime() - 30 * DAY)))).length).toBeGreaterThan(0);
  });

  it('says which URL to use when given the Admin Console’s address', async () => {
    const sim = await simulator();
    const { connector } = connect(sim, { baseUrl: 'https://acme-admin.okta.com' });
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toMatchObject({ code: 'config' });
    expect((err as Error).message).toContain('https://acme.okta.com');
    expect(await connector.probe('download')).toMatchObject({ ok: false });
  });
});

describe('Okta connector: the System Log refused', () => {
  it('makes SSO activity unavailable, naming the role, when the token’s admin may not view the log', async () => {
    const sim = await simulator({ knobs: { systemLogDenied: true } });
    const { connector } = connect(sim);
    const app = sim.org.apps[0]!;
    const err = await caught(collect(connector.directory!.signIns(app.id, new Date(NOW.getTime() - 30 * DAY))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toContain('Read-only Administrator');
    expect((err as Error).message).toContain('E0000006');
    const probe = await connector.probe('activity');
    expect(probe.ok).toBe(false);
    expect(probe.message).toContain('System Log');
    // The directory itself still reads.
    expect((await collect(connector.directory!.people())).length).toBe(sim.org.users.length);
  });

  it('names the okta.logs.read scope for a service app without it', async () => {
    const sim = await simulator();
    const token = sim.issueAccessToken(['okta.users.read', 'okta.apps.read']);
    const { connector } = connect(sim, { auth: bearerAuth(token), grantType: 'client_credentials' });
    const err = await caught(collect(connector.directory!.signIns(sim.org.apps[0]!.id, new Date(NOW.getTime() - 30 * DAY))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toContain('okta.logs.read');
  });

  it('matches by Okta login when the app’s assignments are refused, and says so', async () => {
    const sim = await simulator();
    const token = sim.issueAccessToken(['okta.users.read', 'okta.logs.read']);
    const { connector, progress } = connect(sim, { auth: bearerAuth(token), grantType: 'client_credentials' });
    const app = sim.org.apps.find((a) => a.label === 'Zoom')!;
    const got = await collect(connector.directory!.signIns(app.id, new Date(NOW.getTime() - 60 * DAY)));
    const logins = new Set(sim.org.users.map((u) => u.profile.login));
    expect(got.length).toBeGreaterThan(0);
    for (const r of got) expect(logins.has(r.email ?? '')).toBe(true);
    expect(progress.some((p) => /assignments/.test(p.message ?? ''))).toBe(true);
  });
});

describe('Okta connector: rate limits and hostile answers', () => {
  it('gets through 429s (E0000047 with X-Rate-Limit-Reset) and still lists everyone', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ users: 700, clock: clock.now, knobs: { rateLimits: { users: 2, user: 100, apps: 100, logs: 1 } } });
    const { connector, waits } = connect(sim, { sleep: clock.sleep });
    const people = await collect(connector.directory!.people());
    expect(people.map((p) => p.userId)).toEqual(sim.org.users.map((u) => u.id));
    expect(sim.counters.rateLimited).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(0);
    // Two apps' System Log reads against a limit of one a minute.
    for (const label of ['Slack', 'Zoom']) {
      const app = sim.org.apps.find((a) => a.label === label)!;
      expect((await collect(connector.directory!.signIns(app.id, new Date(NOW.getTime() - 30 * DAY)))).length).toBeGreaterThan(0);
    }
    expect(sim.stats.log.filter((e) => e.status === 429 && e.path === '/api/v1/logs').length).toBeGreaterThan(0);
  });

  it('refuses a next link to another host, sending nothing there', async () => {
    let hits = 0;
    const trap: Server = createServer((_req, res) => {
      hits += 1;
      res.end('[]');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => trap.close(() => resolve())));
    const sim = await simulator({ users: 450 });
    sim.knobs.nextLinkOrigin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    const err = await caught(collect(connect(sim).connector.directory!.people()));
    expect(err).toMatchObject({ code: 'foreign_origin' });
    expect(hits).toBe(0);
  });

  it('stops on a page that is not JSON instead of dropping users', async () => {
    const sim = await simulator({ users: 450 });
    let pages = 0;
    sim.knobs.malformedPage = (req) => req.path === '/api/v1/users' && ++pages === 2;
    const err = await caught(collect(connect(sim).connector.subscriptions()));
    expect(err).toMatchObject({ code: 'malformed' });
  });

  it('stops when Okta hands back the same next link twice', async () => {
    const sim = await simulator({ users: 450 });
    // A vendor bug: every page after the first points back at the second page.
    let firstNext: string | null = null;
    const repeating: typeof fetch = async (input, init) => {
      const res = await globalThis.fetch(input, init);
      const link = res.headers.get('link');
      const next = /<([^>]*)>; rel="next"/.exec(link ?? '')?.[1] ?? null;
      firstNext ??= next;
      const headers = new Headers(res.headers);
      if (firstNext) headers.set('link', `<${firstNext}>; rel="next"`);
      return new Response(await res.text(), { status: res.status, headers });
    };
    const err = await caught(collect(connect(sim, { fetch: repeating }).connector.subscriptions()));
    expect(err).toMatchObject({ code: 'repeated_cursor' });
  });
});

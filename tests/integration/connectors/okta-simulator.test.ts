/**
 * The Okta simulator over plain HTTP, against what Okta's documentation says: SSWS API tokens
 * and the 401 E0000011 body, the user listing that omits DEPROVISIONED unless filtered, paging
 * by an opaque `after` cursor in Link rel="next", filter validation, System Log queries bounded
 * by `until` or polling without it, 429 E0000047 with X-Rate-Limit-Reset in epoch seconds, and
 * 403s for a role or a scope that may not read the log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startOktaSimulator, SSO_EVENT, type OktaSimulatorHandle, type OktaSimulatorOptions } from '../../../connectors/okta/simulator/index.js';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 4, 14, 12));

const sims: OktaSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: OktaSimulatorOptions = {}): Promise<OktaSimulatorHandle> {
  const sim = await startOktaSimulator({ seed: 99, users: 450, now: NOW, ...options });
  sims.push(sim);
  return sim;
}

async function get(sim: OktaSimulatorHandle, pathOrUrl: string, authorization: string | null = `SSWS ${sim.token}`) {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sim.url}${pathOrUrl}`;
  const res = await fetch(url, { headers: authorization ? { authorization } : {} });
  const body = (await res.json()) as unknown;
  return { status: res.status, headers: res.headers, body };
}

function next(headers: Headers): string | undefined {
  return /<([^>]*)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];
}

const q = (params: Record<string, string>): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');

describe('Okta simulator: authentication', () => {
  it('answers a missing, unknown or Bearer-sent API token with 401 E0000011 in Okta’s error shape', async () => {
    const sim = await simulator();
    for (const authorization of [null, 'SSWS 00wrong', `Bearer ${sim.token}`]) {
      const res = await get(sim, '/api/v1/users', authorization);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorCauses: [] });
      expect((res.body as { errorId: string }).errorId).toMatch(/^oae/);
    }
    expect(sim.counters.unauthorized).toBe(3);
  });

  it('names the admin behind the token at /api/v1/users/me', async () => {
    const sim = await simulator();
    const res = await get(sim, '/api/v1/users/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: sim.adminId, status: 'ACTIVE' });
  });
});

describe('Okta simulator: users and paging', () => {
  it('omits DEPROVISIONED users from the plain listing and pages by an `after` cursor in Link', async () => {
    const sim = await simulator();
    const ids: string[] = [];
    let url: string | undefined = '/api/v1/users?limit=200';
    let pages = 0;
    while (url) {
      const res = await get(sim, url);
      expect(res.status).toBe(200);
      expect(res.headers.get('link')).toContain('rel="self"');
      const page = res.body as Array<{ id: string; status: string }>;
      expect(page.length).toBeLessThanOrEqual(200);
      ids.push(...page.map((u) => u.id));
      url = next(res.headers);
      if (url) expect(new URL(url).searchParams.get('after')).toBe(page.at(-1)?.id);
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
    expect(ids).toEqual(sim.org.users.filter((u) => u.status !== 'DEPROVISIONED').map((u) => u.id));
  });

  it('returns DEPROVISIONED users to a status filter, and serves at most 200 a page', async () => {
    const sim = await simulator();
    const res = await get(sim, `/api/v1/users?${q({ filter: 'status eq "DEPROVISIONED"', limit: '1000' })}`);
    const expected = sim.org.users.filter((u) => u.status === 'DEPROVISIONED').map((u) => u.id);
    expect(expected.length).toBeGreaterThan(0);
    expect((res.body as Array<{ id: string }>).map((u) => u.id)).toEqual(expected);
    const all = await get(sim, '/api/v1/users?limit=1000');
    expect((all.body as unknown[]).length).toBe(200);
  });

  it('refuses a filter on an attribute Okta does not filter users by, with the reason in errorCauses', async () => {
    const sim = await simulator();
    const res = await get(sim, `/api/v1/users?${q({ filter: 'profile.department eq "Engineering"' })}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: filter' });
    expect((res.body as { errorCauses: Array<{ errorSummary: string }> }).errorCauses[0]?.errorSummary).toContain('profile.department');
  });

  it('lists active apps, and an app’s assignments with their app usernames', async () => {
    const sim = await simulator();
    const apps = await get(sim, `/api/v1/apps?${q({ filter: 'status eq "ACTIVE"' })}`);
    expect((apps.body as Array<{ label: string }>).map((a) => a.label).sort()).toEqual(['Asana', 'Salesforce.com', 'Slack', 'Zoom']);
    const slack = sim.org.apps.find((a) => a.label === 'Slack')!;
    const users = await get(sim, `/api/v1/apps/${slack.id}/users?limit=500`);
    const expected = sim.org.assignments.get(slack.id)!;
    expect((users.body as Array<{ id: string; credentials: { userName: string } }>).map((a) => [a.id, a.credentials.userName])).toEqual(
      expected.map((a) => [a.userId, a.userName]),
    );
    expect((await get(sim, '/api/v1/apps/0oaNoSuchApp000000/users')).body).toMatchObject({ errorCode: 'E0000007' });
  });
});

describe('Okta simulator: the System Log', () => {
  it('filters by eventType and target.id; a bounded query (with until) ends with no next link', async () => {
    const sim = await simulator();
    const app = sim.org.apps.find((a) => a.label === 'Asana')!;
    const since = new Date(NOW.getTime() - 90 * DAY).toISOString();
    const filter = `eventType eq "${SSO_EVENT}" and target.id eq "${app.id}"`;
    let url: string | undefined = `/api/v1/logs?${q({ since, until: NOW.toISOString(), filter, limit: '50' })}`;
    const got: string[] = [];
    while (url) {
      const res = await get(sim, url);
      expect(res.status).toBe(200);
      got.push(...(res.body as Array<{ uuid: string; eventType: string }>).map((e) => e.uuid));
      url = next(res.headers);
    }
    const expected = sim.org.events
      .filter((e) => e.eventType === SSO_EVENT && e.target.some((t) => t.id === app.id))
      .filter((e) => Date.parse(e.published) >= Date.parse(since) && Date.parse(e.published) < NOW.getTime())
      .map((e) => e.uuid);
    expect(expected.length).toBeGreaterThan(50);
    expect(got).toEqual(expected);
  });

  it('keeps handing out a next link to a polling query (no until), the same one once nothing is new', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now });
    const since = new Date(NOW.getTime() - DAY).toISOString();
    let url = `/api/v1/logs?${q({ since, limit: '1000' })}`;
    let res = await get(sim, url);
    const first = next(res.headers);
    expect(first).toBeDefined();
    url = first as string;
    res = await get(sim, url);
    expect(res.body).toEqual([]);
    expect(next(res.headers)).toBe(url);
  });

  it('refuses a limit above 1000 and a since that is not a timestamp', async () => {
    const sim = await simulator();
    expect((await get(sim, '/api/v1/logs?limit=5000')).body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: limit' });
    expect((await get(sim, '/api/v1/logs?since=yesterday')).body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: since' });
  });

  it('answers 403 E0000006 when the token’s admin may not view the log, or an access token lacks okta.logs.read', async () => {
    const sim = await simulator({ knobs: { systemLogDenied: true } });
    expect((await get(sim, '/api/v1/logs')).body).toMatchObject({ errorCode: 'E0000006' });
    sim.knobs.systemLogDenied = false;
    const token = sim.issueAccessToken(['okta.users.read']);
    const res = await get(sim, '/api/v1/logs', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(res.headers.get('www-authenticate')).toContain('okta.logs.read');
    expect((await get(sim, '/api/v1/users?limit=1', `Bearer ${token}`)).status).toBe(200);
  });
});

describe('Okta simulator: rate limits', () => {
  it('sends X-Rate-Limit-* on every answer, and 429 E0000047 with the reset in epoch seconds, no Retry-After', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now, knobs: { rateLimits: { users: 2, user: 2000, apps: 100, logs: 120 } } });
    const ok = await get(sim, '/api/v1/users?limit=1');
    expect(ok.headers.get('x-rate-limit-limit')).toBe('2');
    expect(ok.headers.get('x-rate-limit-remaining')).toBe('1');
    const reset = NOW.getTime() / 1000 + 60;
    expect(Number(ok.headers.get('x-rate-limit-reset'))).toBe(reset);
    await get(sim, '/api/v1/users?limit=1');
    clock.advance(20_000);
    const refused = await get(sim, '/api/v1/users?limit=1');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-rate-limit-reset'))).toBe(reset);
    expect(refused.headers.get('retry-after')).toBeNull();
    // Other buckets are metered on their own; the window reopens at the reset.
    expect((await get(sim, '/api/v1/apps')).status).toBe(200);
    clock.advance(40_000);
    expect((await get(sim, '/api/v1/users?limit=1')).status).toBe(200);
  });
});

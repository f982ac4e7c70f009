/**
 * The Zoom simulator against Zoom's documentation: the Server-to-Server OAuth token endpoint
 * (account_credentials), List users paging and its page-size limit, Zoom's error bodies for
 * auth failures and missing scopes, 429s with Zoom's headers, Update a user, plan usage, and
 * several accounts behind one simulator. Plain fetch: what any client would see.
 */
import * as oauth from 'oauth4webapi';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import {
  startZoomSimulator,
  ZOOM_NO_LICENSE,
  ZOOM_QPS_MESSAGE,
  ZOOM_TOKEN_TTL_S,
  type ZoomSimulatorHandle,
  type ZoomSimulatorOptions,
} from '../../../connectors/zoom/simulator/index.js';

const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 424242;

const sims: ZoomSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: ZoomSimulatorOptions = {}): Promise<ZoomSimulatorHandle> {
  const sim = await startZoomSimulator({ seed: SEED, users: 120, now: NOW, ...options });
  sims.push(sim);
  return sim;
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function api(sim: ZoomSimulatorHandle, path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers = new Headers(init.headers);
  if (init.token !== '') headers.set('authorization', `Bearer ${init.token ?? sim.token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(`${sim.url}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function tokenRequest(sim: ZoomSimulatorHandle, query: string, init: { auth?: string; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {};
  if (init.auth !== undefined) headers.authorization = init.auth;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const res = await fetch(`${sim.tokenUrl}${query}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface UserPage {
  page_size: number;
  total_records: number;
  next_page_token: string;
  users: Array<{ id?: string; email: string; type: number; status: string; last_login_time?: string }>;
}

describe('Zoom simulator: the Server-to-Server OAuth token endpoint', () => {
  it('mints a one-hour bearer token for grant_type=account_credentials in the query, with Basic client credentials', async () => {
    const sim = await simulator();
    const { status, body } = await tokenRequest(sim, `?grant_type=account_credentials&account_id=${sim.accountId}`, {
      auth: basic(sim.app.clientId, sim.app.clientSecret),
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: ZOOM_TOKEN_TTL_S,
      scope: sim.app.scopes.join(' '),
      api_url: sim.origin,
    });
    expect(body).not.toHaveProperty('refresh_token');
    const users = await api(sim, '/users?page_size=1', { token: body.access_token as string });
    expect(users.status).toBe(200);
    expect(sim.counters.tokensIssued).toBe(1);
  });

  it('takes the parameters from a form body too, and mints a new token on each request (several stay valid)', async () => {
    const sim = await simulator();
    const form = { grant_type: 'account_credentials', account_id: sim.accountId };
    const first = await tokenRequest(sim, '', { auth: basic(sim.app.clientId, sim.app.clientSecret), form });
    const second = await tokenRequest(sim, '', { auth: basic(sim.app.clientId, sim.app.clientSecret), form });
    expect(first.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    for (const t of [first.body.access_token, second.body.access_token]) expect((await api(sim, '/users?page_size=1', { token: t as string })).status).toBe(200);
  });

  it('answers Zoom’s OAuth errors: bad or missing client credentials, wrong grant type, missing or foreign account id', async () => {
    const sim = await simulator();
    const good = basic(sim.app.clientId, sim.app.clientSecret);
    const q = `?grant_type=account_credentials&account_id=${sim.accountId}`;
    expect(await tokenRequest(sim, q, { auth: basic(sim.app.clientId, 'wrong-secret') })).toEqual({
      status: 400,
      body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' },
    });
    expect(await tokenRequest(sim, q, { auth: basic('no-such-client', sim.app.clientSecret) })).toEqual({
      status: 400,
      body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' },
    });
    expect(await tokenRequest(sim, q)).toEqual({ status: 400, body: { reason: 'Client ID or client secret is missing.', error: 'invalid_client' } });
    // The standard client credentials grant is not what a Server-to-Server OAuth app uses.
    expect(await tokenRequest(sim, `?grant_type=client_credentials&account_id=${sim.accountId}`, { auth: good })).toEqual({
      status: 400,
      body: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' },
    });
    expect(await tokenRequest(sim, `?account_id=${sim.accountId}`, { auth: good })).toEqual({ status: 400, body: { reason: 'Missing grant type', error: 'invalid_request' } });
    expect(await tokenRequest(sim, '?grant_type=account_credentials', { auth: good })).toEqual({ status: 400, body: { reason: 'Missing account_id', error: 'invalid_request' } });
    expect(await tokenRequest(sim, '?grant_type=account_credentials&account_id=SomeOtherAccount', { auth: good })).toEqual({
      status: 400,
      body: { reason: 'Invalid account_id', error: 'invalid_request' },
    });
    expect(sim.counters.tokensIssued).toBe(0);
  });

  it('is reachable the way main/auth would call it: oauth4webapi’s generic grant with grant_type account_credentials', async () => {
    const sim = await simulator();
    const as: oauth.AuthorizationServer = { issuer: sim.origin, token_endpoint: sim.tokenUrl };
    const client: oauth.Client = { client_id: sim.app.clientId, token_endpoint_auth_method: 'client_secret_basic' };
    const response = await oauth.genericTokenEndpointRequest(
      as,
      client,
      oauth.ClientSecretBasic(sim.app.clientSecret),
      'account_credentials',
      { account_id: sim.accountId },
      { [oauth.allowInsecureRequests]: true },
    );
    const tokens = await oauth.processGenericTokenEndpointResponse(as, client, response);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(ZOOM_TOKEN_TTL_S);
    expect((await api(sim, '/users?page_size=1', { token: tokens.access_token })).status).toBe(200);
  });

  it('lets a token expire after an hour: 401 with Zoom’s code 124', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now });
    const { body } = await tokenRequest(sim, `?grant_type=account_credentials&account_id=${sim.accountId}`, { auth: basic(sim.app.clientId, sim.app.clientSecret) });
    const token = body.access_token as string;
    clock.advance(ZOOM_TOKEN_TTL_S * 1000 - 1);
    expect((await api(sim, '/users?page_size=1', { token })).status).toBe(200);
    clock.advance(1);
    expect(await api(sim, '/users?page_size=1', { token })).toMatchObject({ status: 401, body: { code: 124, message: 'Access token is expired.' } });
  });
});

describe('Zoom simulator: List users', () => {
  it('pages with next_page_token to the last page, which has an empty token; the users are exactly the seeded active ones', async () => {
    const sim = await simulator({ users: 1000 });
    const active = sim.org.users.filter((u) => u.status === 'active');
    const seen: string[] = [];
    const sizes: number[] = [];
    let token = '';
    let pages = 0;
    do {
      const { status, body } = await api(sim, `/users?status=active&page_size=300${token ? `&next_page_token=${token}` : ''}`);
      expect(status).toBe(200);
      const page = body as UserPage;
      expect(page.total_records).toBe(active.length);
      expect(page.page_size).toBe(300);
      sizes.push(page.users.length);
      seen.push(...page.users.map((u) => u.id ?? ''));
      token = page.next_page_token;
      pages += 1;
    } while (token !== '');
    expect(pages).toBe(Math.ceil(active.length / 300));
    expect(sizes.slice(0, -1).every((n) => n === 300)).toBe(true);
    expect(sizes.at(-1)).toBe(active.length - 300 * (pages - 1));
    expect(seen).toEqual(active.map((u) => u.id));
  });

  it('caps page_size at 300, defaults to 30, and refuses a page size that is not a positive number', async () => {
    const sim = await simulator({ users: 700 });
    const big = (await api(sim, '/users?page_size=1000')).body as UserPage;
    expect(big.page_size).toBe(300);
    expect(big.users).toHaveLength(300);
    const plain = (await api(sim, '/users')).body as UserPage;
    expect(plain.page_size).toBe(30);
    expect(plain.users).toHaveLength(30);
    expect(await api(sim, '/users?page_size=0')).toMatchObject({ status: 400, body: { code: 300 } });
    expect(await api(sim, '/users?page_size=ten')).toMatchObject({ status: 400, body: { code: 300 } });
  });

  it('refuses a next_page_token of another listing, an unknown one, and one older than 15 minutes', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ users: 200, clock: clock.now });
    const first = (await api(sim, '/users?page_size=10')).body as UserPage;
    const invalid = { status: 400, body: { code: 300, message: 'The next page token is invalid or expired.' } };
    expect(await api(sim, '/users?page_size=10&next_page_token=not-a-token')).toMatchObject(invalid);
    expect(await api(sim, `/users?status=inactive&page_size=10&next_page_token=${first.next_page_token}`)).toMatchObject(invalid);
    clock.advance(15 * 60_000);
    expect(await api(sim, `/users?page_size=10&next_page_token=${first.next_page_token}`)).toMatchObject(invalid);
  });

  it('filters by status: deactivated users only under inactive, pending ones without an id', async () => {
    const sim = await simulator({ users: 400 });
    const inactive = (await api(sim, '/users?status=inactive&page_size=300')).body as UserPage;
    expect(inactive.users.map((u) => u.id)).toEqual(sim.org.users.filter((u) => u.status === 'inactive').map((u) => u.id));
    expect(inactive.users.length).toBeGreaterThan(0);
    const pending = (await api(sim, '/users?status=pending&page_size=300')).body as UserPage;
    expect(pending.users.length).toBeGreaterThan(0);
    expect(pending.users.every((u) => u.id === undefined && u.last_login_time === undefined)).toBe(true);
    expect(await api(sim, '/users?status=everyone')).toMatchObject({ status: 400, body: { code: 300 } });
  });
});

describe('Zoom simulator: authentication and scopes', () => {
  it('answers 401 with code 124 for a missing or unknown token', async () => {
    const sim = await simulator();
    const invalid = { status: 401, body: { code: 124, message: 'Invalid access token.' } };
    expect(await api(sim, '/users', { token: '' })).toMatchObject(invalid);
    expect(await api(sim, '/users', { token: 'made-up' })).toMatchObject(invalid);
    expect(await api(sim, '/users/me', { token: 'made-up' })).toMatchObject(invalid);
  });

  it('answers 400 with code 4711 naming the scopes an endpoint accepts, granular or classic', async () => {
    const sim = await simulator();
    const readOnly = sim.issueToken({ scopes: ['user:read:list_users:admin'] });
    expect((await api(sim, '/users', { token: readOnly })).status).toBe(200);
    expect(await api(sim, `/users/${sim.org.ownerId}`, { method: 'PATCH', body: JSON.stringify({ type: 1 }), token: readOnly })).toEqual({
      status: 400,
      headers: expect.any(Headers),
      body: { code: 4711, message: 'Invalid access token, does not contain scopes:[user:update:user:admin, user:write:admin].' },
    });
    expect(await api(sim, '/users/me', { token: readOnly })).toMatchObject({ status: 400, body: { code: 4711 } });
    expect(await api(sim, '/accounts/me/plans/usage', { token: readOnly })).toMatchObject({
      status: 400,
      body: { code: 4711, message: 'Invalid access token, does not contain scopes:[billing:read:plan_usage:admin, account:read:admin].' },
    });
    // Classic scopes open the same doors.
    const classic = sim.issueToken({ scopes: ['user:read:admin', 'user:write:admin'] });
    expect((await api(sim, '/users/me', { token: classic })).status).toBe(200);
    const target = sim.org.users.find((u) => u.status === 'active' && u.type === 2 && u.id !== sim.org.ownerId)!;
    expect((await api(sim, `/users/${target.id}`, { method: 'PATCH', body: JSON.stringify({ type: 1 }), token: classic })).status).toBe(204);
    // Zoom checks the scope before it looks for the user.
    expect(await api(sim, '/users/nobody-here', { method: 'PATCH', body: '{}', token: readOnly })).toMatchObject({ status: 400, body: { code: 4711 } });
    expect(await api(sim, '/users/nobody-here', { method: 'PATCH', body: '{}', token: classic })).toMatchObject({
      status: 404,
      body: { code: 1001, message: 'User does not exist: nobody-here.' },
    });
  });
});

describe('Zoom simulator: rate limits', () => {
  it('answers a per-second 429 with Zoom’s headers and message, per category, and lets the next second through', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now, knobs: { qps: { Light: 2, Medium: 1, Heavy: 1 } } });
    expect((await api(sim, '/users')).status).toBe(200);
    const limited = await api(sim, '/users');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 429, message: ZOOM_QPS_MESSAGE });
    expect(Object.fromEntries([...limited.headers].filter(([k]) => k.startsWith('x-ratelimit') || k === 'retry-after'))).toEqual({
      'x-ratelimit-category': 'Medium',
      'x-ratelimit-type': 'QPS',
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
    });
    // Get a user is Light: its own allowance.
    expect((await api(sim, '/users/me')).status).toBe(200);
    clock.advance(1000);
    expect((await api(sim, '/users')).status).toBe(200);
    expect(sim.counters.rateLimited).toBe(1);

    sim.knobs.qpsRetryAfter = true;
    expect((await api(sim, '/users')).headers.get('retry-after')).toBe('1');
  });

  it('answers a daily limit with X-RateLimit-Type Daily-limit and Retry-After at the next 00:00 UTC', async () => {
    const clock = new FakeClock(NOW.getTime() + 5 * 3_600_000);
    const sim = await simulator({ clock: clock.now, knobs: { dailyLimit: { category: 'Heavy', limit: 2 } } });
    expect((await api(sim, '/accounts/me/plans/usage')).status).toBe(200);
    expect((await api(sim, '/accounts/me/plans/usage')).status).toBe(200);
    const limited = await api(sim, '/accounts/me/plans/usage');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      code: 429,
      message: 'You have exceeded the daily rate limit (2) of Heavy API requests permitted for this account. You may resume these requests at GMT 00:00:00.',
    });
    expect(limited.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(limited.headers.get('x-ratelimit-category')).toBe('Heavy');
    expect(limited.headers.get('retry-after')).toBe('2026-05-15T00:00:00Z');
    clock.advance(19 * 3_600_000);
    expect((await api(sim, '/accounts/me/plans/usage')).status).toBe(200);
  });
});

describe('Zoom simulator: Update a user and plan usage', () => {
  it('changes only the user’s type, answers 204, and refuses unknown users, bad types and a license the plan does not have', async () => {
    const sim = await simulator({ users: 60 });
    const licensed = sim.org.users.filter((u) => u.status === 'active' && u.type === 2 && u.id !== sim.org.ownerId);
    const [a, b] = licensed;
    const before = sim.org.users.map((u) => ({ ...u }));
    const down = await api(sim, `/users/${a!.id}`, { method: 'PATCH', body: JSON.stringify({ type: 1 }) });
    expect(down.status).toBe(204);
    expect(down.body).toBeUndefined();
    expect(sim.org.users.map((u) => (u.id === a!.id ? { ...u, type: 2 } : u))).toEqual(before);
    // By email, as Zoom allows.
    expect((await api(sim, `/users/${encodeURIComponent(b!.email)}`, { method: 'PATCH', body: JSON.stringify({ type: 1 }) })).status).toBe(204);
    expect(sim.user(b!.id)?.type).toBe(1);

    expect(await api(sim, '/users/nobody', { method: 'PATCH', body: JSON.stringify({ type: 1 }) })).toMatchObject({ status: 404, body: { code: 1001 } });
    expect(await api(sim, `/users/${a!.id}`, { method: 'PATCH', body: JSON.stringify({ type: 99 }) })).toMatchObject({ status: 400, body: { code: 300 } });

    const usage = (await api(sim, '/accounts/me/plans/usage')).body as { plan_base: { hosts: number; usage: number } };
    expect(usage.plan_base.usage).toBe(sim.org.users.filter((u) => u.type === 2 && u.status !== 'inactive').length);
    sim.org.licenses = usage.plan_base.usage;
    expect(await api(sim, `/users/${a!.id}`, { method: 'PATCH', body: JSON.stringify({ type: 2 }) })).toMatchObject({
      status: 400,
      body: { code: ZOOM_NO_LICENSE.code, message: ZOOM_NO_LICENSE.message },
    });
    sim.org.licenses += 1;
    expect((await api(sim, `/users/${a!.id}`, { method: 'PATCH', body: JSON.stringify({ type: 2 }) })).status).toBe(204);
    expect(sim.user(a!.id)?.type).toBe(2);
  });

  it('reports the base plan’s licenses and their use for "me" and the account’s own id, and refuses a free account', async () => {
    const sim = await simulator({ licenses: 500 });
    const assigned = sim.org.users.filter((u) => u.type === 2 && u.status !== 'inactive').length;
    const mine = await api(sim, '/accounts/me/plans/usage');
    expect(mine.body).toMatchObject({ plan_base: { type: 'monthly', hosts: 500, usage: assigned } });
    expect((await api(sim, `/accounts/${sim.accountId}/plans/usage`)).body).toEqual(mine.body);
    sim.knobs.plan = 'free';
    expect(await api(sim, '/accounts/me/plans/usage')).toMatchObject({ status: 400, body: { code: 200 } });
  });
});

describe('Zoom simulator: several accounts', () => {
  it('keeps each account’s users, tokens and app credentials apart', async () => {
    const sim = await simulator({ accounts: [{ seed: 1, users: 40 }, { seed: 2, users: 25, domain: 'globex.example' }] });
    const [one, two] = sim.accounts;
    expect(one!.accountId).not.toBe(two!.accountId);
    const page = (token: string) => api(sim, '/users?page_size=300', { token }).then((r) => (r.body as UserPage).users.map((u) => u.email));
    expect(await page(one!.token)).toEqual(one!.org.users.filter((u) => u.status === 'active').map((u) => u.email));
    expect(await page(two!.token)).toEqual(two!.org.users.filter((u) => u.status === 'active').map((u) => u.email));
    // An app mints tokens for its own account only.
    expect(
      await tokenRequest(sim, `?grant_type=account_credentials&account_id=${two!.accountId}`, { auth: basic(one!.app.clientId, one!.app.clientSecret) }),
    ).toEqual({ status: 400, body: { reason: 'Invalid account_id', error: 'invalid_request' } });
    const minted = await tokenRequest(sim, `?grant_type=account_credentials&account_id=${two!.accountId}`, { auth: basic(two!.app.clientId, two!.app.clientSecret) });
    expect(await page(minted.body.access_token as string)).toEqual(await page(two!.token));
    // A user of one account is not found through the other's token.
    expect(await api(sim, `/users/${one!.org.ownerId}`, { token: two!.token })).toMatchObject({ status: 404, body: { code: 1001 } });
  });
});

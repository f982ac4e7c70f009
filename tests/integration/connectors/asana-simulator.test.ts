/**
 * The Asana simulator follows Asana's API where the connector depends on it: paging rules,
 * validation, error bodies, the audit log stream, plans and rate limits. Plain fetch, so the
 * simulator is checked independently of the connector.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';

const TOKEN = 'sim-token-7e9';
const auth = { authorization: `Bearer ${TOKEN}` };

let sim: AsanaSimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(users = 30, options: Partial<Parameters<typeof startAsanaSimulator>[0]> = {}) {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 11, users, ...options });
  return sim;
}

/** The parts of Asana's response bodies these checks read. */
interface AsanaBody {
  data: Array<{ gid: string; event_type?: string; user?: { email?: string } }>;
  next_page?: { offset: string; path: string; uri: string } | null;
  errors?: Array<{ message: string }>;
}

async function get(url: string, headers: Record<string, string> = auth): Promise<{ status: number; body: AsanaBody }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as AsanaBody };
}

describe('Asana simulator', () => {
  it('answers 401 with Asana’s body for a missing or wrong token', async () => {
    const s = await start();
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Array<Record<string, string>>) {
      const res = await get(`${s.url}/users/me`, headers);
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.message).toBe('Not Authorized');
    }
  });

  it('validates limit 1..100 with a 400', async () => {
    const s = await start();
    const base = `${s.url}/workspaces/${s.workspaceGid}/workspace_memberships`;
    for (const limit of ['0', '101', 'ten']) {
      const res = await get(`${base}?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.message).toContain('limit');
    }
  });

  it('pages memberships with opaque offsets and sends next_page only when a limit was sent', async () => {
    const s = await start(30);
    const base = `${s.url}/workspaces/${s.workspaceGid}/workspace_memberships`;
    const unpaged = await get(base);
    expect(unpaged.body.data).toHaveLength(30);
    expect('next_page' in unpaged.body).toBe(false);
    // Without opt_fields, the compact record only.
    expect(Object.keys(unpaged.body.data[0] ?? {}).sort()).toEqual(['gid', 'resource_type', 'user', 'workspace']);

    const first = await get(`${base}?limit=20&opt_fields=is_guest,user.email`);
    expect(first.body.data).toHaveLength(20);
    expect(Object.keys(first.body.data[0] ?? {}).sort()).toEqual(['gid', 'is_guest', 'user']);
    expect(first.body.data[0]?.user?.email).toContain('@');
    const next = first.body.next_page;
    if (!next) throw new Error('expected next_page');
    expect(next.offset).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(next.path).toContain(`offset=${next.offset}`);
    const second = await get(next.uri);
    expect(second.body.data).toHaveLength(10);
    expect(second.body.next_page).toBeNull();

    const bad = await get(`${base}?limit=20&offset=not-a-token`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.message).toContain('offset');
  });

  it('refuses an unpaged list that is too large, like Asana', async () => {
    const s = await start(1200);
    const res = await get(`${s.url}/workspaces/${s.workspaceGid}/workspace_memberships`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toContain('pagination');
  });

  it('streams the audit log: next_page keeps coming, data runs empty; no match gives next_page null', async () => {
    const s = await start(50);
    const base = `${s.url}/workspaces/${s.workspaceGid}/audit_log_events?event_type=user_login_succeeded&limit=100`;
    let url = base;
    let events = 0;
    let emptyPage: AsanaBody | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await get(url);
      expect(res.body.next_page).not.toBeNull();
      if (res.body.data.length === 0) {
        emptyPage = res.body;
        break;
      }
      for (const e of res.body.data) expect(e.event_type).toBe('user_login_succeeded');
      events += res.body.data.length;
      url = `${base}&offset=${res.body.next_page?.offset ?? ''}`;
    }
    expect(emptyPage).toBeDefined();
    expect(events).toBe(s.org.events.filter((e) => e.eventType === 'user_login_succeeded').length);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    const none = await get(`${base}&start_at=${future}`);
    expect(none.body).toEqual({ data: [], next_page: null });
  });

  it('answers the audit log with 402 on the business plan', async () => {
    const s = await start(10, { plan: 'business' });
    const res = await get(`${s.url}/workspaces/${s.workspaceGid}/audit_log_events?limit=1`);
    expect(res.status).toBe(402);
    expect(res.body.errors?.[0]?.message).toContain('premium');
  });

  it('lets only admins remove users and answers 404 for an unknown user', async () => {
    const s = await start(10);
    const url = `${s.url}/workspaces/${s.workspaceGid}/removeUser`;
    const post = (user: string) =>
      fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ data: { user } }) });
    expect((await post('42')).status).toBe(404);
    const target = s.org.members[1];
    if (!target) throw new Error('no member');
    const me = s.member(s.org.meGid);
    if (!me) throw new Error('no me');
    me.isAdmin = false;
    const refused = await post(target.userGid);
    expect(refused.status).toBe(403);
    expect(target.isActive).toBe(true);
  });

  it('rate limits with 429 and Retry-After under the rate knob', async () => {
    const s = await start(10);
    s.knobs.rateLimit = { limit: 2, windowMs: 60_000 };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${s.url}/users/me`, { headers: auth });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(s.stats.rateLimited).toBe(1);
  });
});

/**
 * The GitHub simulator against GitHub's public documentation and OpenAPI description: the
 * Copilot seat listing with Link paging to the last page and its page-size limit, the seat
 * breakdown, one member's seat, cancelling and adding seats (team-assigned seats, the "all
 * members" setting, validation), auth failures and missing scopes or permissions with GitHub's
 * error bodies and headers, the primary and secondary rate limits (403 and 429 with their
 * headers), and several organizations. Plain fetch: what any client would see.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import {
  GITHUB_422,
  GITHUB_DOCS,
  seedGithubOrg,
  startGithubSimulator,
  USER_AGENT_MESSAGE,
  type GithubSimulatorHandle,
  type GithubSimulatorOptions,
} from '../../../connectors/github/simulator/index.js';

const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 4711;
const MEMBERS = 260;

const sims: GithubSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: GithubSimulatorOptions = {}): Promise<GithubSimulatorHandle> {
  const sim = await startGithubSimulator({ seed: SEED, members: MEMBERS, now: NOW, org: 'acme-corp', ...options });
  sims.push(sim);
  return sim;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function api(sim: GithubSimulatorHandle, path: string, init: RequestInit & { token?: string } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (init.token !== '') headers.set('authorization', `Bearer ${init.token ?? sim.token}`);
  if (!headers.has('accept')) headers.set('accept', 'application/vnd.github+json');
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(path.startsWith('http') ? path : `${sim.url}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

interface SeatView {
  assignee: { login: string; id: number; email?: string | null };
  assigning_team?: { slug: string; name: string };
  pending_cancellation_date: string | null;
  last_activity_at: string | null;
  last_authenticated_at: string | null;
  created_at: string;
  plan_type: string;
}

const seatsOf = (a: Answer): SeatView[] => a.body.seats as SeatView[];
const cancel = (sim: GithubSimulatorHandle, logins: unknown, token?: string) =>
  api(sim, `/orgs/${sim.login}/copilot/billing/selected_users`, { method: 'DELETE', body: JSON.stringify({ selected_usernames: logins }), token });
const add = (sim: GithubSimulatorHandle, logins: unknown, token?: string) =>
  api(sim, `/orgs/${sim.login}/copilot/billing/selected_users`, { method: 'POST', body: JSON.stringify({ selected_usernames: logins }), token });

function next(link: string | null): string | undefined {
  return link?.split(', ').find((p) => p.endsWith('rel="next"'))?.slice(1).split('>')[0];
}

describe('GitHub simulator: the Copilot seat listing', () => {
  it('pages with Link rel="next" to the last page, 100 a page, with total_seats on every page', async () => {
    const sim = await simulator();
    const holders = sim.org.members.filter((m) => m.seat);
    expect(holders.length).toBeGreaterThan(200);
    let url: string | undefined = `${sim.url}/orgs/${sim.login}/copilot/billing/seats?per_page=100`;
    const logins: string[] = [];
    const links: Array<string | null> = [];
    while (url) {
      const page = await api(sim, url);
      expect(page.status).toBe(200);
      expect(page.body.total_seats).toBe(holders.length);
      expect(seatsOf(page).length).toBeLessThanOrEqual(100);
      logins.push(...seatsOf(page).map((s) => s.assignee.login));
      links.push(page.headers.get('link'));
      url = next(page.headers.get('link'));
    }
    expect(logins).toEqual(holders.map((m) => m.login));
    expect(links.length).toBe(Math.ceil(holders.length / 100));
    expect(links[0]).toContain('rel="last"');
    expect(links[0]).not.toContain('rel="prev"');
    expect(links.at(-1)).toContain('rel="prev"');
    expect(links.at(-1)).not.toContain('rel="next"');
    // A page past the last is empty, not an error.
    const past = await api(sim, `/orgs/${sim.login}/copilot/billing/seats?per_page=100&page=9`);
    expect(past.status).toBe(200);
    expect(seatsOf(past)).toEqual([]);
  });

  it('serves 50 seats by default and at most 100 however many are asked for', async () => {
    const sim = await simulator();
    expect(seatsOf(await api(sim, `/orgs/${sim.login}/copilot/billing/seats`))).toHaveLength(50);
    const big = await api(sim, `/orgs/${sim.login}/copilot/billing/seats?per_page=500`);
    expect(seatsOf(big)).toHaveLength(100);
    expect(big.headers.get('link')).toContain('per_page=500');
    expect(seatsOf(await api(sim, `/orgs/${sim.login}/copilot/billing/seats?per_page=abc`))).toHaveLength(50);
  });

  it('shows each seat as copilot-seat-details: plan, team, pending cancellation, both dates, public emails only', async () => {
    const sim = await simulator();
    const seats = seatsOf(await api(sim, `/orgs/${sim.login}/copilot/billing/seats?per_page=100`));
    for (const s of seats) {
      const m = sim.member(s.assignee.login)!;
      expect(s).toMatchObject({
        created_at: m.seat!.createdAt,
        plan_type: 'business',
        pending_cancellation_date: m.seat!.pendingCancellationDate ?? null,
        last_activity_at: m.seat!.lastActivityAt ?? null,
        last_authenticated_at: m.seat!.lastAuthenticatedAt ?? null,
      });
      expect(s.assignee.id).toBe(m.id);
      expect(s.assignee.email ?? null).toBe(m.publicEmail ? m.email : null);
      expect(s.assigning_team?.slug).toBe(m.seat!.teamSlug);
      expect(Object.keys(s).every((k) => ['created_at', 'updated_at', 'pending_cancellation_date', 'last_activity_at', 'last_activity_editor', 'last_authenticated_at', 'plan_type', 'assignee', 'assigning_team'].includes(k))).toBe(true);
    }
    expect(seats.some((s) => s.assigning_team)).toBe(true);
    expect(seats.some((s) => s.pending_cancellation_date === sim.org.nextCycleStart)).toBe(true);
    expect(seats.some((s) => s.last_activity_at === null && s.last_authenticated_at === null)).toBe(true);
    expect(seats.some((s) => s.last_activity_at === null && s.last_authenticated_at !== null)).toBe(true);
    expect(seats.some((s) => /[+-]\d{2}:\d{2}$/.test(s.created_at))).toBe(true);
    expect(sim.org.nextCycleStart).toBe('2026-06-01');
  });

  it('reports the seat breakdown and settings, and one member’s seat', async () => {
    const sim = await simulator();
    const holders = sim.org.members.filter((m) => m.seat);
    const details = await api(sim, `/orgs/${sim.login}/copilot/billing`);
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      seat_breakdown: { total: holders.length, pending_cancellation: holders.filter((m) => m.seat!.pendingCancellationDate).length, pending_invitation: 0 },
      seat_management_setting: 'assign_selected',
      plan_type: 'business',
    });
    const m = holders[5]!;
    const one = await api(sim, `/orgs/${sim.login}/members/${m.login}/copilot`);
    expect(one.status).toBe(200);
    expect((one.body as unknown as SeatView).assignee.login).toBe(m.login);
    const noSeat = sim.org.members.find((x) => !x.seat)!;
    expect((await api(sim, `/orgs/${sim.login}/members/${noSeat.login}/copilot`)).status).toBe(404);
  });

  it('is reproducible from (seed, members, now)', async () => {
    const sim = await simulator();
    expect(seedGithubOrg({ seed: SEED, members: MEMBERS, now: NOW, org: 'acme-corp' })).toEqual(sim.org);
  });
});

describe('GitHub simulator: cancelling and adding seats', () => {
  it('sets a direct seat to pending cancellation at the next cycle; adding it again lifts it; other seats do not change', async () => {
    const sim = await simulator();
    const m = sim.org.members.find((x) => x.seat && !x.seat.teamSlug && !x.seat.pendingCancellationDate && x.role === 'member')!;
    const before = JSON.stringify(sim.org.members.filter((x) => x !== m));
    const res = await cancel(sim, [m.login]);
    expect(res).toMatchObject({ status: 200, body: { seats_cancelled: 1 } });
    expect(m.seat!.pendingCancellationDate).toBe('2026-06-01');
    // The seat stays listed, and billed, until then.
    expect((await api(sim, `/orgs/${sim.login}/members/${m.login}/copilot`)).body.pending_cancellation_date).toBe('2026-06-01');
    expect(await cancel(sim, [m.login])).toMatchObject({ status: 200, body: { seats_cancelled: 0 } });
    expect(await add(sim, [m.login])).toMatchObject({ status: 201, body: { seats_created: 1 } });
    expect(m.seat!.pendingCancellationDate).toBeUndefined();
    expect(JSON.stringify(sim.org.members.filter((x) => x !== m))).toBe(before);
  });

  it('refuses a seat assigned through a team, and an organization that gives Copilot to all members, with 422', async () => {
    const sim = await simulator();
    const viaTeam = sim.org.members.find((x) => x.seat?.teamSlug && !x.seat.pendingCancellationDate)!;
    const res = await cancel(sim, [viaTeam.login]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ message: GITHUB_422.team, documentation_url: GITHUB_DOCS.cancel, status: '422' });
    expect(viaTeam.seat!.pendingCancellationDate).toBeUndefined();

    const all = await simulator({ org: 'all-members', seatManagementSetting: 'assign_all' });
    const direct = all.org.members.find((x) => x.seat && !x.seat.teamSlug)!;
    expect((await cancel(all, [direct.login])).body.message).toBe(GITHUB_422.allMembers);
    expect(direct.seat!.pendingCancellationDate).toBeUndefined();
  });

  it('validates selected_usernames (required, at least one) and refuses to add non-members', async () => {
    const sim = await simulator();
    expect((await cancel(sim, [])).status).toBe(422);
    expect((await cancel(sim, 'octocat')).status).toBe(422);
    const missing = await api(sim, `/orgs/${sim.login}/copilot/billing/selected_users`, { method: 'DELETE', body: '{}' });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('selected_usernames');
    expect(await cancel(sim, ['-nobody'])).toMatchObject({ status: 200, body: { seats_cancelled: 0 } });
    expect((await add(sim, ['not-a-member-here'])).status).toBe(422);
    const noSeat = sim.org.members.find((x) => !x.seat)!;
    expect(await add(sim, [noSeat.login])).toMatchObject({ status: 201, body: { seats_created: 1 } });
    expect(noSeat.seat).toMatchObject({ planType: 'business' });
  });
});

describe('GitHub simulator: authentication, scopes and permissions', () => {
  it('answers 401 with GitHub’s body for no token and a bad token', async () => {
    const sim = await simulator();
    const none = await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: '' });
    expect(none).toMatchObject({ status: 401, body: { message: 'Requires authentication', documentation_url: GITHUB_DOCS.rest, status: '401' } });
    const bad = await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: 'ghp_notatoken' });
    expect(bad).toMatchObject({ status: 401, body: { message: 'Bad credentials', status: '401' } });
  });

  it('hides the seats (404) from a classic token without the scope or of a non-owner, and names the scopes it accepts', async () => {
    const sim = await simulator();
    const repoOnly = sim.issueToken({ scopes: ['repo'] });
    const res = await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: repoOnly });
    expect(res).toMatchObject({ status: 404, body: { message: 'Not Found', documentation_url: GITHUB_DOCS.seats, status: '404' } });
    expect(res.headers.get('x-oauth-scopes')).toBe('repo');
    expect(res.headers.get('x-accepted-oauth-scopes')).toBe('manage_billing:copilot, read:org');
    const member = sim.org.members.find((m) => m.role === 'member' && m.seat)!;
    expect((await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: sim.issueToken({ user: member }) })).status).toBe(404);
    // read:org reads seats but cannot cancel them.
    const readOrg = sim.issueToken({ scopes: ['read:org'] });
    expect((await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: readOrg })).status).toBe(200);
    const write = await cancel(sim, [member.login], readOrg);
    expect(write.status).toBe(404);
    expect(write.headers.get('x-accepted-oauth-scopes')).toBe('manage_billing:copilot, admin:org');
  });

  it('refuses a fine-grained token or an app without the write permission with 403 "Resource not accessible"', async () => {
    const sim = await simulator();
    const member = sim.org.members.find((m) => m.seat && !m.seat.teamSlug)!;
    const readOnly = sim.issueToken({ kind: 'fine_grained', copilot: 'read' });
    expect((await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: readOnly })).status).toBe(200);
    const res = await cancel(sim, [member.login], readOnly);
    expect(res).toMatchObject({ status: 403, body: { message: 'Resource not accessible by personal access token', status: '403' } });
    expect(res.headers.get('x-accepted-github-permissions')).toBe('organization_copilot_seat_management=write');
    const none = sim.issueToken({ kind: 'fine_grained', copilot: null });
    expect((await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: none })).status).toBe(403);
    const otherOwner = sim.issueToken({ kind: 'fine_grained', orgs: ['someone-else'] });
    expect((await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: otherOwner })).status).toBe(404);
    const app = sim.issueToken({ kind: 'app', copilot: 'read' });
    expect((await api(sim, `/orgs/${sim.login}/copilot/billing/seats`, { token: app })).status).toBe(200);
    expect(await api(sim, '/user', { token: app })).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration' } });
    expect((await cancel(sim, [member.login], app)).body.message).toBe('Resource not accessible by integration');
  });

  it('answers /user and /orgs/{org}, and refuses requests without a User-Agent or with an unknown API version', async () => {
    const sim = await simulator();
    expect(await api(sim, '/user')).toMatchObject({ status: 200, body: { login: sim.owner.login, id: sim.owner.id, name: sim.owner.name, email: sim.owner.email } });
    expect(await api(sim, `/orgs/${sim.login}`)).toMatchObject({ status: 200, body: { login: 'acme-corp', id: sim.org.id, name: sim.org.name } });
    expect((await api(sim, '/orgs/no-such-org')).status).toBe(404);
    expect(await api(sim, '/user', { headers: { 'user-agent': '' } })).toMatchObject({ status: 403, body: { message: USER_AGENT_MESSAGE } });
    expect((await api(sim, '/user', { headers: { 'x-github-api-version': '2022-11-28' } })).status).toBe(200);
    expect((await api(sim, '/user', { headers: { 'x-github-api-version': '1999-01-01' } })).status).toBe(400);
  });
});

describe('GitHub simulator: rate limits', () => {
  it('reports the primary limit on every answer and refuses with 403, x-ratelimit-remaining 0 and the reset, until it resets', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now, knobs: { primary: { limit: 3, windowMs: 3_600_000, status: 403 } } });
    const path = `/orgs/${sim.login}/copilot/billing/seats?per_page=1`;
    const first = await api(sim, path);
    const reset = String(Math.ceil((NOW.getTime() + 3_600_000) / 1000));
    expect(Object.fromEntries(['limit', 'remaining', 'used', 'reset', 'resource'].map((h) => [h, first.headers.get(`x-ratelimit-${h}`)]))).toEqual({
      limit: '3',
      remaining: '2',
      used: '1',
      reset,
      resource: 'core',
    });
    await api(sim, path);
    await api(sim, path);
    const refused = await api(sim, path);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset')).toBe(reset);
    expect(refused.body).toMatchObject({ documentation_url: GITHUB_DOCS.rateLimits, status: '403' });
    expect(String(refused.body.message)).toMatch(/^API rate limit exceeded for user ID \d+\./);
    clock.advance(3_600_000);
    expect((await api(sim, path)).status).toBe(200);
    sim.knobs.primary = { limit: 1, windowMs: 3_600_000, status: 429 };
    expect((await api(sim, path)).status).toBe(429);
    expect(sim.counters.rateLimited).toBe(2);
  });

  it('meters secondary points (GET 1, DELETE 5) and refuses with 403 or 429, retry-after and GitHub’s message', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now, knobs: { secondary: { points: 6, windowMs: 60_000, status: 403 } } });
    const path = `/orgs/${sim.login}/copilot/billing`;
    expect((await api(sim, path)).status).toBe(200);
    expect((await cancel(sim, ['-nobody'])).status).toBe(200);
    clock.advance(15_000);
    const refused = await api(sim, path);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(refused.body).toMatchObject({ documentation_url: GITHUB_DOCS.secondary });
    expect(String(refused.body.message)).toMatch(/^You have exceeded a secondary rate limit/);
    clock.advance(45_000);
    expect((await api(sim, path)).status).toBe(200);
    sim.knobs.secondary = { points: 1, windowMs: 60_000, status: 429 };
    const tooMany = await api(sim, path);
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get('retry-after')).toBe('60');
    expect(sim.counters.secondaryLimited).toBe(2);
  });
});

describe('GitHub simulator: several organizations', () => {
  it('serves each organization its own seats; a shared owner’s token reads both, another owner’s only its own', async () => {
    const sim = await simulator({ orgs: [{ org: 'north-co', members: 40 }, { org: 'south-co', members: 30 }], sharedOwner: true });
    const [north, south] = sim.orgs;
    const count = async (login: string, token: string) => (await api(sim, `/orgs/${login}/copilot/billing/seats?per_page=100`, { token })).body.total_seats;
    expect(await count('north-co', north!.token)).toBe(north!.org.members.filter((m) => m.seat).length);
    expect(await count('south-co', north!.token)).toBe(south!.org.members.filter((m) => m.seat).length);
    expect((await api(sim, '/orgs/north-co/copilot/billing/seats', { token: south!.token })).status).toBe(404);
  });
});

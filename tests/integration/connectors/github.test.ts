/**
 * The GitHub Copilot connector against the GitHub simulator: seats, activity and candidates
 * exactly as the seed says (pending cancellations held by nobody, team-assigned seats, public
 * emails only, the later of the two activity dates, seats on both sides of the threshold),
 * who it is connected as, several organizations, and hostile answers refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GITHUB_APP_USER_ID } from '../../../connectors/github/connector.js';
import { githubDescriptor } from '../../../connectors/github/descriptor.js';
import { githubEntry } from '../../../connectors/github/entry.js';
import { seedGithubOrg, startGithubSimulator, type GithubSimulatorHandle, type GithubSimulatorOptions } from '../../../connectors/github/simulator/index.js';
import { ConnectorError } from '../../../connectors/http/index.js';
import { candidatesOf, DAY, expectedCandidateLogins, expectedSeat } from './github-expected.js';
import { caught, collect, connectGithub, rewritingFetch } from './github-harness.js';

const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 20260514;
/** Over two pages of 100: the listing must follow Link rel="next" to the last page. */
const MEMBERS = 260;
const MARGINS = [89, 90, 91];
const AUTH_MARGINS = [89, 90];
const ANALYSIS_START = new Date(NOW.getTime() - 365 * DAY);
const ORG = 'acme-corp';

const sims: GithubSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: GithubSimulatorOptions = {}): Promise<GithubSimulatorHandle> {
  const sim = await startGithubSimulator({ seed: SEED, members: MEMBERS, now: NOW, org: ORG, marginDays: MARGINS, authMarginDays: AUTH_MARGINS, ...options });
  sims.push(sim);
  return sim;
}

describe('GitHub connector: seats, activity and candidates', () => {
  it('downloads exactly the seeded seats over every page: pending cancellations not held, team seats listed, emails only where public', async () => {
    const sim = await simulator();
    const { connector, http, progress } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW });
    const seats = await collect(connector.subscriptions());

    // Recomputed from (seed, size, now): the simulator's data is reproducible, not just self-consistent.
    const org = seedGithubOrg({ seed: SEED, members: MEMBERS, now: NOW, org: ORG, marginDays: MARGINS, authMarginDays: AUTH_MARGINS });
    const holders = org.members.filter((m) => m.seat);
    expect(seats).toEqual(holders.map(expectedSeat));
    // Every kind of seat is in the seed, so every branch of the mapping really ran.
    const pending = holders.filter((m) => m.seat!.pendingCancellationDate);
    expect(pending.length).toBeGreaterThan(5);
    expect(seats.filter((s) => !s.active).map((s) => s.reclaimRef)).toEqual(pending.map((m) => m.login));
    expect(holders.some((m) => m.seat!.teamSlug)).toBe(true);
    expect(seats.some((s) => s.email !== '')).toBe(true);
    expect(seats.some((s) => s.email === '')).toBe(true);
    expect(seats.some((s) => s.lastActivityAt === undefined)).toBe(true);
    expect(seats.every((s) => s.licenseType === 'Copilot Business' && s.paid && !s.owner)).toBe(true);
    expect(org.members.some((m) => !m.seat)).toBe(true);

    const pages = Math.ceil(holders.length / 100);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(progress.filter((p) => p.phase === 'download' && p.pages !== undefined).at(-1)).toEqual({ phase: 'download', pages, users: holders.length });
    expect(http.requestCount).toBe(pages);
    expect(sim.stats.log.every((e) => e.method === 'GET' && e.path === `/orgs/${ORG}/copilot/billing/seats`)).toBe(true);
  });

  it('sends GitHub’s media type, API version and a User-Agent, and asks for 100 seats a page', async () => {
    const seen: Headers[] = [];
    const urls: string[] = [];
    const sim = await simulator({ members: 20 });
    const spy: typeof fetch = async (input, init) => {
      seen.push(new Headers(init?.headers));
      urls.push(String(input));
      return fetch(input, init);
    };
    const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW, fetch: spy });
    await collect(connector.subscriptions());
    expect(seen[0]?.get('accept')).toBe('application/vnd.github+json');
    expect(seen[0]?.get('x-github-api-version')).toBe('2022-11-28');
    expect(seen[0]?.get('user-agent')).toBe('Seatwise');
    expect(seen[0]?.get('authorization')).toBe(`Bearer ${sim.token}`);
    expect(new URL(urls[0]!).searchParams.get('per_page')).toBe('100');
  });

  it('carries activity as the later of last_activity_at and last_authenticated_at; activity() asks GitHub nothing more', async () => {
    const sim = await simulator();
    const { connector, http, progress } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW });
    const seats = await collect(connector.subscriptions());
    const requests = http.requestCount;
    expect(await collect(connector.activity(ANALYSIS_START))).toEqual([]);
    expect(http.requestCount).toBe(requests);
    const none = seats.filter((s) => !s.lastActivityAt).length;
    expect(progress.at(-1)).toMatchObject({ phase: 'activity', message: expect.stringContaining(`${none} seat(s) have no Copilot activity recorded`) });
    expect(progress.at(-1)?.message).toContain('telemetry');

    const byLogin = new Map(seats.map((s) => [s.reclaimRef, s]));
    for (const days of MARGINS) {
      const m = sim.org.members.find((x) => x.marginDays === days)!;
      expect(byLogin.get(m.login)?.lastActivityAt).toBe(new Date(NOW.getTime() - days * DAY).toISOString());
    }
    // Authentication later than activity: the authentication counts.
    for (const days of AUTH_MARGINS) {
      const m = sim.org.members.find((x) => x.authMarginDays === days)!;
      expect(byLogin.get(m.login)?.lastActivityAt).toBe(new Date(NOW.getTime() - days * DAY).toISOString());
    }
    // Only authenticated, never active in an IDE: the authentication is the activity.
    const authOnly = sim.org.members.find((m) => m.seat && !m.seat.lastActivityAt && m.seat.lastAuthenticatedAt)!;
    expect(byLogin.get(authOnly.login)?.lastActivityAt).toBe(new Date(authOnly.seat!.lastAuthenticatedAt!).toISOString());
  });

  it('makes exactly the seed’s candidates: never a seat pending cancellation or the connected owner, 90 days is in and 89 is out', async () => {
    const sim = await simulator();
    const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW });
    const me = await connector.whoami();
    const seats = await collect(connector.subscriptions());
    const candidates = candidatesOf(seats, { orgId: me.orgId ?? '', connectedUserId: me.userId, now: NOW, analysisStart: ANALYSIS_START });
    const loginOf = new Map(sim.org.members.map((m) => [String(m.id), m.login]));
    const logins = candidates.map((c) => loginOf.get(c.userId));

    expect(logins).toEqual(expectedCandidateLogins(sim.org.members, sim.owner.login, NOW, ANALYSIS_START));
    expect(candidates.length).toBeGreaterThan(20);
    const ids = new Set(logins);
    const margin = (days: number) => sim.org.members.find((m) => m.marginDays === days)!.login;
    const authMargin = (days: number) => sim.org.members.find((m) => m.authMarginDays === days)!.login;
    expect(ids.has(margin(89))).toBe(false);
    expect(ids.has(margin(90))).toBe(true);
    expect(ids.has(margin(91))).toBe(true);
    expect(ids.has(authMargin(89))).toBe(false);
    expect(ids.has(authMargin(90))).toBe(true);
    expect(candidates.find((c) => loginOf.get(c.userId) === margin(90))).toMatchObject({ daysInactive: 90, thresholdDays: 90 });
    // Pending cancellations long inactive are never candidates: they are going already.
    const idlePending = sim.org.members.filter((m) => m.seat?.pendingCancellationDate);
    expect(idlePending.every((m) => (NOW.getTime() - Date.parse(m.seat!.lastAuthenticatedAt ?? m.seat!.createdAt)) / DAY > 90)).toBe(true);
    expect(idlePending.some((m) => ids.has(m.login))).toBe(false);
    // Team-assigned seats are candidates like any other (reclaim refuses them with the reason).
    expect(sim.org.members.some((m) => m.seat?.teamSlug && ids.has(m.login))).toBe(true);
    // No activity recorded: counted from the seat grant (or the analysis start), and said so on the why-line.
    const never = candidates.find((c) => !seats.find((s) => s.userId === c.userId)?.lastActivityAt);
    expect(never?.why).toMatch(/^(never active|no activity recorded) since \d{4}-\d{2}-\d{2}/);
    expect(ids.has(sim.owner.login)).toBe(false);
  });

  it('uses the organization’s plan for a seat that names none', async () => {
    const sim = await simulator({ members: 40, planType: 'enterprise' });
    const strip = rewritingFetch(
      (url) => url.includes('/copilot/billing/seats'),
      (body) => ({ ...body, seats: (body.seats as Array<Record<string, unknown>>).map((s, i) => (i % 2 ? { ...s, plan_type: 'unknown' } : { ...s, plan_type: undefined })) }),
    );
    const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW, fetch: strip });
    const seats = await collect(connector.subscriptions());
    expect(seats.every((s) => s.licenseType === 'Copilot Enterprise')).toBe(true);
    expect(sim.stats.requestsTo('GET', `/orgs/${ORG}/copilot/billing`).filter((e) => e.path.endsWith('/billing'))).toHaveLength(1);
  });

  it('says who it is connected as: the token’s user in the organization; an app installation as no user', async () => {
    const sim = await simulator({ members: 20 });
    const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW });
    expect(await connector.whoami()).toEqual({ userId: String(sim.owner.id), name: sim.owner.name, email: sim.owner.email, orgId: ORG, orgName: sim.org.name });
    const app = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ kind: 'app', copilot: 'read' }), org: ORG, now: NOW });
    expect(await app.connector.whoami()).toEqual({ userId: GITHUB_APP_USER_ID, name: 'GitHub App installation', orgId: ORG, orgName: sim.org.name });
    const wrong = connectGithub({ baseUrl: sim.url, token: sim.token, org: 'no-such-org', now: NOW });
    expect(await caught(wrong.connector.whoami())).toMatchObject({ code: 'not_found' });
  });

  it('needs the organization: without it every call is a clear configuration error', async () => {
    const sim = await simulator({ members: 5 });
    const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, now: NOW });
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ code: 'config', message: expect.stringContaining('github.com/ORG') });
    expect(sim.stats.requests).toBe(0);
  });

  it('is what the registry entry builds, with GitHub’s descriptor', () => {
    expect(githubEntry.descriptor).toBe(githubDescriptor);
    expect(githubEntry.http?.errorMessage?.({ message: 'Bad credentials', documentation_url: 'x' })).toBe('Bad credentials');
    expect(githubDescriptor.reclaimEffects[0]).toMatchObject({ action: 'remove', saving: 'end_of_billing_cycle', undoLabel: 'Re-add' });
    expect(new Set(githubDescriptor.permissions.map((p) => p.process))).toEqual(new Set(['download', 'activity', 'reclaim']));
  });
});

describe('GitHub connector: several organizations', () => {
  it('reads each organization through its own connection, with one owner token for both', async () => {
    const sim = await simulator({ orgs: [{ org: 'north-co', members: 50 }, { org: 'south-co', members: 35, planType: 'enterprise' }], sharedOwner: true });
    const [north, south] = sim.orgs;
    const a = connectGithub({ baseUrl: sim.url, token: north!.token, org: 'north-co', now: NOW });
    const b = connectGithub({ baseUrl: sim.url, token: north!.token, org: 'south-co', now: NOW });
    expect(await collect(a.connector.subscriptions())).toEqual(north!.org.members.filter((m) => m.seat).map(expectedSeat));
    expect(await collect(b.connector.subscriptions())).toEqual(south!.org.members.filter((m) => m.seat).map(expectedSeat));
    expect((await b.connector.whoami()).orgId).toBe('south-co');
    expect(await b.connector.ownedSeats!()).toEqual([
      { licenseType: 'Copilot Enterprise', owned: south!.org.members.filter((m) => m.seat).length, used: south!.org.members.filter((m) => m.seat && !m.seat.pendingCancellationDate).length },
    ]);
  });
});

describe('GitHub connector: hostile answers', () => {
  const seatsUrl = (url: string) => url.includes('/copilot/billing/seats');
  type Seat = Record<string, unknown> & { assignee: Record<string, unknown> };
  const cases: Array<[string, (body: Record<string, unknown>) => unknown, RegExp]> = [
    ['an assignee id of the wrong type', (b) => ({ ...b, seats: (b.seats as Seat[]).map((s) => ({ ...s, assignee: { ...s.assignee, id: 'x' } })) }), /seats\.0\.assignee\.id is missing or of the wrong type/],
    ['seats that are not a list', (b) => ({ ...b, seats: { a: 1 } }), /seats is missing or of the wrong type/],
    ['more seats than asked for', (b) => ({ ...b, seats: Array.from({ length: 101 }, (_, i) => ({ ...(b.seats as Seat[])[0], assignee: { ...(b.seats as Seat[])[0]!.assignee, id: i + 1 } })) }), /101 seats in one page/],
    ['the same seat twice', (b) => ({ ...b, seats: [(b.seats as Seat[])[0], (b.seats as Seat[])[0]] }), /same Copilot seat twice/],
    ['a date that is not a date', (b) => ({ ...b, seats: (b.seats as Seat[]).map((s) => ({ ...s, last_activity_at: 'yesterday' })) }), /last_activity_at that is not a date/],
    ['a pending cancellation that is not a day', (b) => ({ ...b, seats: (b.seats as Seat[]).map((s) => ({ ...s, pending_cancellation_date: '2026-06-01T00:00:00Z' })) }), /pending_cancellation_date that is not a day/],
  ];
  for (const [what, rewrite, message] of cases) {
    it(`refuses ${what} with a clear error`, async () => {
      const sim = await simulator({ members: 30 });
      const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW, fetch: rewritingFetch(seatsUrl, rewrite) });
      const err = await caught(collect(connector.subscriptions()));
      expect(err).toMatchObject({ code: 'malformed', message: expect.stringMatching(message) });
    });
  }

  it('refuses an HTML page and a next link to another origin, sending nothing there', async () => {
    const sim = await simulator();
    sim.knobs.malformedPage = (req) => req.query.get('page') === '2';
    const html = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW });
    expect(await caught(collect(html.connector.subscriptions()))).toMatchObject({ code: 'malformed' });
    sim.knobs.malformedPage = undefined;
    sim.knobs.nextLinkOrigin = 'http://127.0.0.1:9';
    const foreign = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW });
    expect(await caught(collect(foreign.connector.subscriptions()))).toMatchObject({ code: 'foreign_origin' });
  });

  it('stops on a next link that points back at the same page', async () => {
    const sim = await simulator({ members: 30 });
    let first: string | undefined;
    let served = 0;
    const loop: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      first ??= String(input);
      const headers = new Headers(res.headers);
      headers.set('link', `<${first}>; rel="next"`);
      // Fresh seats each time, so only the repeated link can stop the listing.
      const body = (await res.json()) as { seats: Array<{ assignee: { id: number } }> };
      for (const s of body.seats) s.assignee.id += 1000 * ++served;
      return new Response(JSON.stringify(body), { status: res.status, headers });
    };
    const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW, fetch: loop });
    expect(await caught(collect(connector.subscriptions()))).toMatchObject({ code: 'repeated_cursor' });
  });
});

/**
 * The Okta connector against the Okta simulator: everyone in every lifecycle status (the plain
 * listing would drop deactivated users), seats as Okta bills them, active apps, and SSO
 * sign-ins per app from the System Log matched by the address the app knows, all recomputed
 * from the seeded org. Requests carry the API token as "SSWS <token>".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, createHttpClient, type AuthProvider } from '../../../connectors/http/index.js';
import { oktaEntry } from '../../../connectors/okta/entry.js';
import {
  SSO_EVENT,
  startOktaSimulator,
  type OktaOrg,
  type OktaSeedUser,
  type OktaSimulatorHandle,
  type OktaSimulatorOptions,
} from '../../../connectors/okta/simulator/index.js';
import type { ActivityRecord, Connector, DirectoryPerson, GrantType, SeatRecord, SyncProgress } from '../../../connectors/types.js';
import { sswsAuth } from '../../helpers/ssws-auth.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 4, 14, 12));
const SEED = 20260514;
/** Over two pages of 200: the listing must follow rel="next" to the end. */
const USERS = 450;

const sims: OktaSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: OktaSimulatorOptions = {}): Promise<OktaSimulatorHandle> {
  const sim = await startOktaSimulator({ seed: SEED, users: USERS, now: NOW, ...options });
  sims.push(sim);
  return sim;
}

function connect(sim: OktaSimulatorHandle, options: { auth?: AuthProvider; grantType?: GrantType } = {}) {
  const progress: Array<Partial<SyncProgress>> = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: sim.url,
    vendorName: oktaEntry.descriptor.displayName,
    auth: options.auth ?? sswsAuth(sim.token),
    signal,
    sleep: async () => undefined,
    random: () => 0.5,
    policy: { maxAttempts: 3, timeoutMs: 10_000 },
    ...oktaEntry.http,
  });
  const connector: Connector = oktaEntry.create({
    http,
    settings: { baseUrl: sim.url, grantType: options.grantType ?? 'token', options: {} },
    signal,
    progress: (update) => progress.push(update),
    now: () => NOW,
  });
  return { connector, http, progress };
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

/** Okta's lifecycle as Seatwise reads it, written out here rather than taken from the connector. */
const EXPECTED_STATUS: Record<string, DirectoryPerson['status']> = {
  STAGED: 'active',
  PROVISIONED: 'active',
  ACTIVE: 'active',
  RECOVERY: 'active',
  LOCKED_OUT: 'active',
  PASSWORD_EXPIRED: 'active',
  SUSPENDED: 'suspended',
  DEPROVISIONED: 'deprovisioned',
};

function expectedPerson(u: OktaSeedUser): DirectoryPerson {
  const person: DirectoryPerson = {
    userId: u.id,
    email: u.profile.email,
    name: `${u.profile.firstName} ${u.profile.lastName}`,
    status: EXPECTED_STATUS[u.status] as DirectoryPerson['status'],
  };
  if (u.lastLogin) person.lastLoginAt = u.lastLogin;
  if (u.statusChanged) person.statusChangedAt = u.statusChanged;
  return person;
}

function expectedSeat(u: OktaSeedUser): SeatRecord {
  const active = u.status !== 'DEPROVISIONED';
  const seat: SeatRecord = {
    userId: u.id,
    email: u.profile.email,
    name: `${u.profile.firstName} ${u.profile.lastName}`,
    licenseType: 'Okta user',
    active,
    admin: false,
    owner: false,
    paid: active,
    startedAt: u.created,
  };
  if (u.lastLogin) seat.lastActivityAt = u.lastLogin;
  return seat;
}

/**
 * The SSO sign-ins Okta's System Log holds for the app between max(since, now - 90 days) and
 * now that went through, each under the address the app knows: the assignment's username when
 * it is an address, else the assignment's email, else (no longer assigned) the Okta login.
 */
function expectedSignIns(org: OktaOrg, appId: string, since: Date): ActivityRecord[] {
  const from = Math.max(since.getTime(), NOW.getTime() - 90 * DAY);
  const assigned = new Map((org.assignments.get(appId) ?? []).map((a) => [a.userId, a.userName.includes('@') ? a.userName : a.email]));
  return org.events
    .filter((e) => e.eventType === SSO_EVENT && e.outcome.result === 'SUCCESS' && e.target.some((t) => t.id === appId))
    .filter((e) => Date.parse(e.published) >= from && Date.parse(e.published) < NOW.getTime())
    .map((e) => ({ email: assigned.get(e.actor.id) ?? e.actor.alternateId, at: e.published }));
}

const byKey = (r: ActivityRecord): string => `${r.at} ${r.email ?? ''}`;
const sorted = (records: ActivityRecord[]): ActivityRecord[] => [...records].sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));

describe('Okta connector: the directory', () => {
  it('lists everyone in every status, deactivated users included, across Link pages', async () => {
    const sim = await simulator();
    const { connector, progress } = connect(sim);
    const people = await collect(connector.directory!.people());

    expect(people).toEqual(sim.org.users.map(expectedPerson));
    const statuses = new Set(sim.org.users.map((u) => u.status));
    for (const s of ['STAGED', 'PROVISIONED', 'ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'RECOVERY']) expect(statuses).toContain(s);
    expect(people.filter((p) => p.status === 'deprovisioned').length).toBeGreaterThan(0);
    // Three pages of at most 200.
    expect(sim.stats.requestsTo('GET', '/api/v1/users')).toHaveLength(3);
    expect(progress.at(-1)).toMatchObject({ phase: 'download', pages: 3, users: USERS });
  });

  it('reads joiners as active people who never signed in', async () => {
    const sim = await simulator();
    const people = await collect(connect(sim).connector.directory!.people());
    const joiners = sim.org.users.filter((u) => u.status === 'STAGED' || u.status === 'PROVISIONED');
    expect(joiners.length).toBeGreaterThan(0);
    for (const u of joiners) {
      const p = people.find((x) => x.userId === u.id);
      expect(p).toMatchObject({ status: 'active' });
      expect(p?.lastLoginAt).toBeUndefined();
    }
  });

  it('lists the active apps by label, not the inactive one', async () => {
    const sim = await simulator();
    const apps = await connect(sim).connector.directory!.apps();
    const expected = sim.org.apps.filter((a) => a.status === 'ACTIVE').map((a) => ({ id: a.id, label: a.label }));
    expect([...apps].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...expected].sort((a, b) => a.id.localeCompare(b.id)));
    expect(apps.map((a) => a.label)).not.toContain('Legacy Wiki');
  });

  it('reads each app’s SSO sign-ins from the System Log, successful ones only, within 90 days', async () => {
    const sim = await simulator();
    const { connector, progress } = connect(sim);
    const since = new Date(NOW.getTime() - 365 * DAY);
    for (const app of sim.org.apps.filter((a) => a.status === 'ACTIVE')) {
      const got = await collect(connector.directory!.signIns(app.id, since));
      const expected = expectedSignIns(sim.org, app.id, since);
      expect(expected.length).toBeGreaterThan(0);
      expect(sorted(got)).toEqual(sorted(expected));
    }
    // The seed logs sign-ins 120 days back: asking a year back reads only Okta's 90.
    const all = sim.org.events.filter((e) => e.eventType === SSO_EVENT && Date.parse(e.published) < NOW.getTime() - 90 * DAY);
    expect(all.length).toBeGreaterThan(0);
    expect(progress.some((p) => p.phase === 'activity' && (p.users ?? 0) > 0)).toBe(true);
  });

  it('matches by the app username: the email where the app uses it, the login where it uses that, the login for the unassigned', async () => {
    const sim = await simulator();
    const { connector } = connect(sim);
    const since = new Date(NOW.getTime() - 60 * DAY);
    const renamed = sim.org.users.filter((u) => u.profile.login !== u.profile.email && u.lastLogin);
    expect(renamed.length).toBeGreaterThan(0);
    const asana = sim.org.apps.find((a) => a.label === 'Asana')!;
    const slack = sim.org.apps.find((a) => a.label === 'Slack')!;
    const u = renamed[0] as OktaSeedUser;
    for (const app of [asana, slack]) {
      if (!sim.org.assignments.get(app.id)!.some((a) => a.userId === u.id)) {
        sim.org.assignments.get(app.id)!.push({ userId: u.id, userName: app === slack ? u.profile.login : u.profile.email, email: u.profile.email, scope: 'USER', created: u.created });
        sim.org.assignments.get(app.id)!.sort((a, b) => (a.userId < b.userId ? -1 : 1));
      }
      sim.signIn(u.id, app.id, new Date(NOW.getTime() - 2 * DAY));
    }
    const gone = sim.org.users.find((x) => x.status === 'ACTIVE' && x.id !== sim.adminId && x.profile.login === x.profile.email)!;
    sim.setStatus(gone.id, 'DEPROVISIONED', new Date(NOW.getTime() - DAY));
    sim.signIn(gone.id, asana.id, new Date(NOW.getTime() - 3 * DAY));

    const asanaIns = await collect(connector.directory!.signIns(asana.id, since));
    const slackIns = await collect(connector.directory!.signIns(slack.id, since));
    const at = new Date(NOW.getTime() - 2 * DAY).toISOString();
    expect(asanaIns).toContainEqual({ email: u.profile.email, at });
    expect(slackIns).toContainEqual({ email: u.profile.login, at });
    expect(asanaIns).toContainEqual({ email: gone.profile.login, at: new Date(NOW.getTime() - 3 * DAY).toISOString() });
  });

  it('skips denied sign-ins even when they are the latest', async () => {
    const sim = await simulator();
    const app = sim.org.apps.find((a) => a.label === 'Zoom')!;
    const a = sim.org.assignments.get(app.id)![0]!;
    sim.signIn(a.userId, app.id, new Date(NOW.getTime() - DAY), 'FAILURE');
    const got = await collect(connect(sim).connector.directory!.signIns(app.id, new Date(NOW.getTime() - 2 * DAY)));
    expect(got.some((r) => r.at === new Date(NOW.getTime() - DAY).toISOString())).toBe(false);
  });
});

describe('Okta connector: seats and the Connector contract', () => {
  it('makes every Okta user a seat, paid unless deactivated, with lastLogin as activity', async () => {
    const sim = await simulator();
    const seats = await collect(connect(sim).connector.subscriptions());
    expect(seats).toEqual(sim.org.users.map(expectedSeat));
    expect(oktaEntry.descriptor.knownLicenseTypes).toEqual(['Okta user']);
  });

  it('reports activity as already downloaded, and who the token belongs to', async () => {
    const sim = await simulator();
    const { connector, progress } = connect(sim);
    expect(await collect(connector.activity(new Date(NOW.getTime() - 90 * DAY)))).toEqual([]);
    expect(progress.at(-1)?.message).toMatch(/came with the user download/);
    const admin = sim.user(sim.adminId)!;
    expect(await connector.whoami()).toMatchObject({ userId: admin.id, email: admin.profile.email, name: `${admin.profile.firstName} ${admin.profile.lastName}` });
  });

  it('offers no reclaim, and probes download and activity with real calls', async () => {
    const sim = await simulator();
    const { connector } = connect(sim);
    expect(oktaEntry.descriptor).toMatchObject({ vendor: 'okta', reclaimSupported: false, undoSupported: false, reclaimEffects: [] });
    const seat = (await collect(connector.subscriptions()))[0]!;
    expect(() => connector.planReclaim(seat)).toThrow(ConnectorError);
    await expect(connector.reclaim(seat)).rejects.toMatchObject({ code: 'config' });
    expect(await connector.probe('download')).toMatchObject({ ok: true });
    expect(await connector.probe('activity')).toMatchObject({ ok: true });
    expect(await connector.probe('reclaim')).toMatchObject({ ok: false });
  });
});

/**
 * The Microsoft Entra ID connector against the Graph simulator: the directory's people (disabled
 * accounts suspended), enterprise apps and sign-ins per app exactly as the seed says, over
 * several pages; on a tenant without Entra ID P1/P2, or without AuditLog.Read.All, sign-ins are
 * ActivityUnavailableError while people still read; seats are free "Entra ID user" seats; no
 * reclaim; probes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { entraDescriptor, ENTRA_USER_LICENSE } from '../../../connectors/entra/descriptor.js';
import { entraEntry } from '../../../connectors/entra/entry.js';
import { ActivityUnavailableError, ConnectorError } from '../../../connectors/http/index.js';
import {
  startGraphSimulator,
  type GraphSeedUser,
  type GraphSimulatorHandle,
  type GraphSimulatorOptions,
} from '../../../connectors/microsoft-graph/simulator/index.js';
import type { DirectoryPerson, SeatRecord } from '../../../connectors/types.js';
import { caught, collect, connectGraph } from './microsoft365-harness.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 4242;
const USERS = 650;

const sims: GraphSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulatorHandle> {
  const sim = await startGraphSimulator({ seed: SEED, users: USERS, now: NOW, marginDays: [30, 31], ...options });
  sims.push(sim);
  return sim;
}

function connect(sim: GraphSimulatorHandle, token = sim.token) {
  return connectGraph(entraEntry, { baseUrl: sim.url, token, tenant: sim.tenantId, clientId: sim.app.clientId, now: NOW });
}

const later = (u: GraphSeedUser): string | undefined => {
  const times = [u.lastSignInDateTime, u.lastNonInteractiveSignInDateTime].filter((t): t is string => t !== null).map((t) => Date.parse(t));
  return times.length ? new Date(Math.max(...times)).toISOString() : undefined;
};

function expectedPerson(u: GraphSeedUser, signIns: boolean): DirectoryPerson {
  const person: DirectoryPerson = { userId: u.id, email: u.mail ?? u.userPrincipalName, name: u.displayName, status: u.accountEnabled ? 'active' : 'suspended' };
  const at = signIns ? later(u) : undefined;
  if (at) person.lastLoginAt = at;
  return person;
}

describe('Entra ID as a directory source', () => {
  it('lists every person exactly, over every page: disabled accounts suspended, last sign-in the later of the two', async () => {
    const sim = await simulator();
    const { connector } = connect(sim);
    const people = await collect(connector.directory!.people());
    expect(people).toEqual(sim.tenant.users.map((u) => expectedPerson(u, true)));
    expect(people.filter((p) => p.status === 'suspended').length).toBe(sim.tenant.users.filter((u) => !u.accountEnabled).length);
    expect(people.some((p) => p.status === 'suspended')).toBe(true);
    expect(people.some((p) => p.lastLoginAt === undefined)).toBe(true);
    // Guests are in the directory too, under their own address.
    const guest = sim.tenant.users.find((u) => u.userType === 'Guest')!;
    expect(people.find((p) => p.userId === guest.id)?.email).toBe(guest.mail);
    expect(sim.stats.log.filter((e) => e.path === '/v1.0/users')).toHaveLength(Math.ceil(USERS / 500));
  });

  it('lists the enterprise apps only, by application id, and each app\'s successful sign-ins since the date asked', async () => {
    const sim = await simulator({ knobs: { pageSizeCap: 40 } });
    const { connector } = connect(sim);
    const apps = await connector.directory!.apps();
    expect(apps).toEqual(sim.tenant.apps.filter((a) => a.enterprise).map((a) => ({ id: a.appId, label: a.displayName })));
    expect(apps.map((a) => a.label)).not.toContain('Microsoft Graph');

    const since = new Date(NOW.getTime() - 12 * DAY);
    for (const app of apps) {
      const records = await collect(connector.directory!.signIns(app.id, since));
      const expected = sim.tenant.signIns
        .filter((s) => s.appId === app.id && s.errorCode === 0 && Date.parse(s.createdDateTime) >= since.getTime())
        .map((s) => ({ email: s.userPrincipalName, at: new Date(s.createdDateTime).toISOString() }));
      expect(records).toEqual(expected);
      expect(records.length).toBeGreaterThan(40);
    }
    // Failed sign-ins are in the log but are not use of the app.
    expect(sim.tenant.signIns.some((s) => s.errorCode !== 0)).toBe(true);
    expect(await caught(collect(connector.directory!.signIns("x' or appId ne '", since)))).toBeInstanceOf(ConnectorError);
  });

  it('on a tenant without Entra ID P1/P2: sign-ins are unavailable and say why; people still read, without last sign-in', async () => {
    const sim = await simulator({ premium: false });
    const { connector, progress } = connect(sim);
    const app = (await connector.directory!.apps())[0]!;
    const err = await caught(collect(connector.directory!.signIns(app.id, new Date(NOW.getTime() - 30 * DAY))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    expect((err as Error).message).toContain('Microsoft Entra ID P1 or P2');
    const people = await collect(connector.directory!.people());
    expect(people).toEqual(sim.tenant.users.map((u) => expectedPerson(u, false)));
    expect(progress.some((p) => p.message?.includes('People are read without their last sign-in.'))).toBe(true);
    expect(await caught(collect(connector.activity(new Date(NOW.getTime() - 365 * DAY))))).toBeInstanceOf(ActivityUnavailableError);
  });

  it('without AuditLog.Read.All: sign-ins unavailable, naming the permission', async () => {
    const sim = await simulator({ users: 50 });
    const token = sim.issueToken({ roles: ['User.Read.All', 'Application.Read.All'] });
    const { connector } = connect(sim, token);
    const app = (await connector.directory!.apps())[0]!;
    const err = await caught(collect(connector.directory!.signIns(app.id, new Date(NOW.getTime() - DAY))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toContain('AuditLog.Read.All');
  });
});

describe('Entra ID: seats, activity, reclaim and probes', () => {
  it('yields every directory user as one free "Entra ID user" seat, and activity as each last sign-in since the date', async () => {
    const sim = await simulator();
    const { connector, http } = connect(sim);
    const seats = await collect(connector.subscriptions());
    expect(seats).toEqual(
      sim.tenant.users.map((u): SeatRecord => {
        const seat: SeatRecord = {
          userId: u.id,
          email: u.mail ?? u.userPrincipalName,
          name: u.displayName,
          licenseType: ENTRA_USER_LICENSE,
          active: u.accountEnabled,
          admin: false,
          owner: false,
          paid: false,
          startedAt: new Date(u.createdDateTime).toISOString(),
        };
        const at = later(u);
        if (at) seat.lastActivityAt = at;
        return seat;
      }),
    );
    const requests = http.requestCount;
    const since = new Date(NOW.getTime() - 30 * DAY);
    const events = await collect(connector.activity(since));
    expect(http.requestCount).toBe(requests);
    const expected = sim.tenant.users.flatMap((u) => {
      const at = later(u);
      return at && Date.parse(at) >= since.getTime() ? [{ userId: u.id, email: u.mail ?? u.userPrincipalName, at }] : [];
    });
    expect(events).toEqual(expected);
    // The margin users: exactly 30 days back is in, 31 is out.
    const margin = (d: number) => sim.tenant.users.find((u) => u.marginDays === d)!.id;
    expect(events.some((e) => e.userId === margin(30))).toBe(true);
    expect(events.some((e) => e.userId === margin(31))).toBe(false);
  });

  it('reclaims nothing: no effects, and planReclaim says why', async () => {
    const sim = await simulator({ users: 10 });
    const { connector } = connect(sim);
    expect(entraDescriptor).toMatchObject({ reclaimSupported: false, undoSupported: false, reclaimEffects: [] });
    const seat = (await collect(connector.subscriptions()))[0]!;
    expect(() => connector.planReclaim(seat)).toThrow(/directory source/);
    expect(await caught(connector.reclaim(seat))).toBeInstanceOf(ConnectorError);
  });

  it('validates each process and says what is missing', async () => {
    const sim = await simulator({ users: 10 });
    const full = connect(sim).connector;
    expect(await full.probe('download')).toMatchObject({ ok: true });
    expect(await full.probe('activity')).toMatchObject({ ok: true });
    expect(await full.probe('reclaim')).toMatchObject({ ok: false });
    const noApps = connect(sim, sim.issueToken({ roles: ['User.Read.All', 'AuditLog.Read.All'] })).connector;
    const apps = await noApps.probe('activity');
    expect(apps.ok).toBe(false);
    expect(apps.message).toContain('Application.Read.All');
    const basic = await simulator({ users: 10, premium: false, seed: 9 });
    const log = await connect(basic).connector.probe('activity');
    expect(log.ok).toBe(false);
    expect(log.message).toContain('P1 or P2');
  });
});

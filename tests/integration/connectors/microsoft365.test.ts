/**
 * The Microsoft 365 connector against the Graph simulator: seats, activity and candidates
 * exactly as the seed says (free SKUs, disabled accounts, users who never signed in, margin
 * users on both sides of the threshold), sign-in data unavailable without Entra ID P1 or
 * AuditLog.Read.All (never "everyone inactive"), the signInActivity page limit, throttling,
 * hostile answers, seats owned, reclaim, downgrade and undo changing exactly the chosen seats,
 * probes, and two tenants side by side.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityUnavailableError, ConnectorError } from '../../../connectors/http/index.js';
import { GRAPH_SCOPES, tenantTokenUrl } from '../../../connectors/microsoft-graph/defaults.js';
import {
  consumedUnits,
  GROUP_LICENSE,
  seedGraphTenant,
  SKU_IDS,
  startGraphSimulator,
  type GraphSeedUser,
  type GraphSimulatorHandle,
  type GraphSimulatorOptions,
  type GraphTenant,
} from '../../../connectors/microsoft-graph/simulator/index.js';
import { microsoft365Descriptor } from '../../../connectors/microsoft365/descriptor.js';
import { microsoft365Entry } from '../../../connectors/microsoft365/entry.js';
import { productName } from '../../../connectors/microsoft365/skus.js';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import type { SeatRecord } from '../../../connectors/types.js';
import { fetchClientCredentialsToken } from '../../../main/auth/client-credentials.js';
import { computeCandidates } from '../../../main/reclamation/candidates.js';
import type { ReclamationRule, SubscriptionRecord } from '../../../main/reclamation/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';
import { caught, collect, connectGraph, requestToken } from './microsoft365-harness.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 20260514;
/** Over two pages of 500 (the signInActivity limit): the listing must follow nextLink to the last page. */
const USERS = 1100;
const MARGINS = [89, 90, 91, 120];
const THRESHOLD = 90;
const ANALYSIS_START = NOW.getTime() - 365 * DAY;
const FREE = new Set(['FLOW_FREE', 'POWER_BI_STANDARD']);

const sims: GraphSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulatorHandle> {
  const sim = await startGraphSimulator({ seed: SEED, users: USERS, now: NOW, marginDays: MARGINS, ...options });
  sims.push(sim);
  return sim;
}

function connect(sim: GraphSimulatorHandle, extra: Partial<Parameters<typeof connectGraph>[1]> = {}) {
  return connectGraph(microsoft365Entry, { baseUrl: sim.url, token: sim.token, tenant: sim.tenantId, clientId: sim.app.clientId, now: NOW, ...extra });
}

const later = (u: GraphSeedUser): string | undefined => {
  const times = [u.lastSignInDateTime, u.lastNonInteractiveSignInDateTime].filter((t): t is string => t !== null).map((t) => Date.parse(t));
  return times.length ? new Date(Math.max(...times)).toISOString() : undefined;
};

/** What the seed says Seatwise must see, computed from the tenant data alone. */
function expectedSeats(tenant: GraphTenant, options: { signIns: boolean; downgrades?: Record<string, string> }): SeatRecord[] {
  const part = (skuId: string) => tenant.skus.find((s) => s.skuId === skuId)?.skuPartNumber ?? skuId;
  return tenant.users.flatMap((u) =>
    u.licenses.map((l) => {
      const licenseType = part(l.skuId);
      const seat: SeatRecord = {
        userId: `${u.id}:${l.skuId}`,
        email: u.mail ?? u.userPrincipalName,
        name: u.displayName,
        licenseType,
        active: true,
        admin: false,
        owner: false,
        paid: !FREE.has(licenseType),
        startedAt: new Date(u.createdDateTime).toISOString(),
      };
      const at = options.signIns ? later(u) : undefined;
      if (at) seat.lastActivityAt = at;
      const ref: Record<string, unknown> = {};
      if (l.disabledPlans.length) ref.d = l.disabledPlans;
      const target = options.downgrades?.[licenseType];
      if (target) ref.t = { [target]: tenant.skus.find((s) => s.skuPartNumber === target)!.skuId };
      if (Object.keys(ref).length) seat.reclaimRef = JSON.stringify(ref);
      return seat;
    }),
  );
}

const rule = (licenseType: string): ReclamationRule => ({
  id: `r-${licenseType}`,
  profileId: 'p1',
  licenseType,
  name: licenseType,
  thresholdDays: THRESHOLD,
  notifyUser: false,
  daysBeforeAutoReclaim: 0,
  approvalRequired: true,
  reclaimWithoutApproval: false,
  enabled: true,
});

function candidatesOf(seats: SeatRecord[]) {
  const subscriptions: SubscriptionRecord[] = seats.map((s) => ({
    id: `sub-${s.userId}`,
    profileId: 'p1',
    orgId: 'o1',
    userId: s.userId,
    email: s.email,
    name: s.name,
    licenseType: s.licenseType,
    active: s.active,
    admin: s.admin,
    owner: s.owner,
    paid: s.paid,
    connectedAccount: false,
    startedAt: s.startedAt,
    lastActivityAt: s.lastActivityAt,
    firstSeenAt: NOW.toISOString(),
    lastSeenAt: NOW.toISOString(),
  }));
  return computeCandidates({
    subscriptions,
    rules: ['SPE_E5', 'SPE_E3', 'ENTERPRISEPACK', 'VISIOCLIENT', 'FLOW_FREE', 'POWER_BI_STANDARD'].map(rule),
    exclusions: [],
    entitlements: [],
    previous: [],
    now: NOW.toISOString(),
    analysisStart: new Date(ANALYSIS_START).toISOString(),
    activityAvailable: true,
  });
}

/** A copy of every user's licenses, to prove a reclaim changed exactly one seat. */
const licensesOf = (tenant: GraphTenant) => new Map(tenant.users.map((u) => [u.id, JSON.stringify(u.licenses)]));

describe('Microsoft 365: seats, activity and candidates', () => {
  it('downloads exactly the seeded seats over every page: one per user and SKU, free SKUs free, disabled accounts still holding theirs', async () => {
    const sim = await simulator();
    const { connector, http, progress } = connect(sim);
    const seats = await collect(connector.subscriptions());

    // Recomputed from (seed, size, now): the simulator's data is reproducible, not just self-consistent.
    const tenant = seedGraphTenant({ seed: SEED, users: USERS, now: NOW, marginDays: MARGINS });
    expect(seats).toEqual(expectedSeats(tenant, { signIns: true }));
    // Every case is in the seed, so every branch of the mapping ran.
    const byType = new Set(seats.map((s) => s.licenseType));
    for (const t of ['SPE_E5', 'SPE_E3', 'ENTERPRISEPACK', 'VISIOCLIENT', 'FLOW_FREE', 'POWER_BI_STANDARD']) expect(byType.has(t)).toBe(true);
    expect(seats.some((s) => s.licenseType === 'FLOW_FREE' && !s.paid)).toBe(true);
    const disabled = tenant.users.filter((u) => !u.accountEnabled && u.licenses.length > 0);
    expect(disabled.length).toBeGreaterThan(10);
    const disabledSeats = seats.filter((s) => disabled.some((u) => s.userId.startsWith(`${u.id}:`)));
    expect(disabledSeats.length).toBeGreaterThan(0);
    expect(disabledSeats.every((s) => s.active)).toBe(true);
    expect(progress.some((p) => p.message === `${disabled.length} disabled accounts still hold Microsoft 365 licenses: they are leavers whose licenses are still billed.`)).toBe(true);
    // Guests and unlicensed members hold no seat; someone with two SKUs holds two.
    const holders = new Set(seats.map((s) => s.userId.split(':')[0]));
    expect(tenant.users.filter((u) => u.userType === 'Guest').some((u) => holders.has(u.id))).toBe(false);
    expect(tenant.users.some((u) => u.licenses.length >= 2)).toBe(true);
    expect(seats.some((s) => s.lastActivityAt === undefined)).toBe(true);
    expect(seats.map((s) => s.name)).toEqual(expect.arrayContaining(['Zoë Ødegård']));
    expect(productName('SPE_E5')).toBe('Microsoft 365 E5');
    expect(productName('CONTOSO_CUSTOM')).toBe('CONTOSO_CUSTOM');

    const pages = Math.ceil(USERS / 500);
    expect(pages).toBe(3);
    expect(http.requestCount).toBe(1 + pages);
    expect(sim.stats.log.map((e) => e.path)).toEqual(['/v1.0/subscribedSkus', ...Array(pages).fill('/v1.0/users')]);
  });

  it('reads activity as the later of the interactive and non-interactive sign-in, one record per seat, since the date asked', async () => {
    const sim = await simulator();
    const { connector, http } = connect(sim);
    const seats = await collect(connector.subscriptions());
    const requests = http.requestCount;
    const since = new Date(NOW.getTime() - 100 * DAY);
    const events = await collect(connector.activity(since));
    // It came with the seat download: no second listing.
    expect(http.requestCount).toBe(requests);

    const expected = sim.tenant.users.flatMap((u) => {
      const at = later(u);
      if (!at || Date.parse(at) < since.getTime()) return [];
      return u.licenses.map((l) => ({ userId: `${u.id}:${l.skuId}`, email: u.mail ?? u.userPrincipalName, at }));
    });
    expect(events).toEqual(expected);
    expect(seats.length).toBeGreaterThan(events.length);
    // Margin users: alternately the interactive and the non-interactive sign-in is the later one.
    for (const days of MARGINS) {
      const u = sim.tenant.users.find((x) => x.marginDays === days)!;
      const at = new Date(NOW.getTime() - days * DAY).toISOString();
      expect(seats.find((s) => s.userId.startsWith(`${u.id}:`))?.lastActivityAt).toBe(at);
    }
    const viaRefreshToken = sim.tenant.users.find((x) => x.marginDays === 90)!;
    expect(Date.parse(viaRefreshToken.lastNonInteractiveSignInDateTime!)).toBeGreaterThan(Date.parse(viaRefreshToken.lastSignInDateTime!));

    // A connector that did not download the seats reads the user list for it, with the same result.
    const fresh = connect(sim);
    expect(await collect(fresh.connector.activity(since))).toEqual(expected);
  });

  it('makes exactly the seed\'s candidates: paid SKUs only, 90 days is in and 89 is out', async () => {
    const sim = await simulator();
    const { connector } = connect(sim);
    const seats = await collect(connector.subscriptions());
    const candidates = candidatesOf(seats);

    const expectedIds = seats
      .filter((s) => s.paid)
      .filter((s) => Math.floor((NOW.getTime() - (s.lastActivityAt ? Date.parse(s.lastActivityAt) : Math.max(Date.parse(s.startedAt!), ANALYSIS_START))) / DAY) >= THRESHOLD)
      .map((s) => s.userId);
    expect(candidates.map((c) => c.userId).sort()).toEqual(expectedIds.sort());
    expect(candidates.length).toBeGreaterThan(50);
    expect(candidates.some((c) => FREE.has(c.licenseType))).toBe(false);
    const margin = (days: number) => seats.find((s) => s.userId.startsWith(`${sim.tenant.users.find((u) => u.marginDays === days)!.id}:`))!.userId;
    const ids = new Set(candidates.map((c) => c.userId));
    expect(ids.has(margin(89))).toBe(false);
    expect(ids.has(margin(90))).toBe(true);
    expect(ids.has(margin(91))).toBe(true);
    expect(candidates.find((c) => c.userId === margin(90))).toMatchObject({ daysInactive: 90, thresholdDays: 90 });
  });

  it('says who it is connected as: the app registration in its tenant, with the tenant\'s name when it may read it', async () => {
    const sim = await simulator();
    expect(await connect(sim).connector.whoami()).toEqual({
      userId: `app:${sim.app.clientId}`,
      name: `App registration ${sim.app.clientId}`,
      orgId: sim.tenantId,
      orgName: sim.tenant.displayName,
    });
    const narrow = sim.issueToken({ roles: ['User.Read.All', 'LicenseAssignment.Read.All'] });
    expect(await connect(sim, { token: narrow }).connector.whoami()).toMatchObject({ orgId: sim.tenantId, orgName: undefined });
  });

  it('reads seats owned from the subscribed SKUs: enabled plus warning units, company-wide SKUs left out', async () => {
    const sim = await simulator();
    const owned = await connect(sim).connector.ownedSeats!();
    expect(owned).toEqual(
      sim.tenant.skus
        .filter((s) => s.appliesTo === 'User')
        .map((s) => ({ licenseType: s.skuPartNumber, owned: s.prepaid.enabled + s.prepaid.warning, used: consumedUnits(sim.tenant, s.skuId) })),
    );
    expect(owned.find((o) => o.licenseType === 'VISIOCLIENT')!.owned).toBe(sim.tenant.skus.find((s) => s.skuPartNumber === 'VISIOCLIENT')!.prepaid.enabled + 3);
    expect(owned.some((o) => o.licenseType === 'MCOPSTNC')).toBe(false);
  });
});

describe('Microsoft 365: sign-in data unavailable, never "everyone inactive"', () => {
  it('on a tenant without Entra ID P1/P2: seats download without sign-ins, and activity is unavailable with the reason', async () => {
    const sim = await simulator({ premium: false });
    const { connector, progress } = connect(sim);
    const seats = await collect(connector.subscriptions());
    expect(seats).toEqual(expectedSeats(sim.tenant, { signIns: false }));
    expect(seats.every((s) => s.lastActivityAt === undefined)).toBe(true);
    const err = await caught(collect(connector.activity(new Date(ANALYSIS_START))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toContain("Neither tenant is B2C or tenant doesn't have premium license (Authentication_RequestFromNonPremiumTenantOrB2CTenant)");
    expect((err as Error).message).toContain('Microsoft Entra ID P1 or P2');
    expect(progress.some((p) => p.message?.includes('Seats download without it.'))).toBe(true);
    // The first listing asked for signInActivity and was refused; the second did without it, 999 a page.
    const users = sim.stats.log.filter((e) => e.path === '/v1.0/users');
    expect(users.map((e) => e.status)).toEqual([403, 200, 200]);
    // A connector that did not download the seats says the same, without listing everyone.
    const fresh = connect(sim);
    expect(await caught(collect(fresh.connector.activity(new Date(ANALYSIS_START))))).toBeInstanceOf(ActivityUnavailableError);
    expect(fresh.http.requestCount).toBe(1);
  });

  it('without AuditLog.Read.All: the same, naming the permission to grant', async () => {
    const sim = await simulator({ users: 200 });
    const token = sim.issueToken({ roles: ['User.Read.All', 'LicenseAssignment.Read.All'] });
    const { connector } = connect(sim, { token });
    const seats = await collect(connector.subscriptions());
    expect(seats).toEqual(expectedSeats(sim.tenant, { signIns: false }));
    const err = await caught(collect(connector.activity(new Date(ANALYSIS_START))));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect((err as Error).message).toContain('Grant it the application permission AuditLog.Read.All');
    expect((await connector.probe('activity')).ok).toBe(false);
  });

  it('respects the smaller page Graph allows with signInActivity: told 120, it asks for 120', async () => {
    const sim = await simulator({ knobs: { signInActivityMaxPage: 120 } });
    const { connector } = connect(sim);
    const seats = await collect(connector.subscriptions());
    expect(seats).toEqual(expectedSeats(sim.tenant, { signIns: true }));
    const users = sim.stats.log.filter((e) => e.path === '/v1.0/users');
    expect(users[0]!.status).toBe(400);
    expect(users.length).toBe(1 + Math.ceil(USERS / 120));
    expect(users.slice(1).every((e) => e.status === 200)).toBe(true);
  });
});

describe('Microsoft 365: throttling, authentication and hostile answers', () => {
  it('waits out 429 with Retry-After and 503 with Retry-After, and still reads exactly the seeded seats', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now, knobs: { rateLimit: { limit: 2, windowMs: 30_000, headers: 'retry-after' } } });
    const { connector, waits } = connect(sim, { sleep: clock.sleep });
    const seats = await collect(connector.subscriptions());
    expect(seats).toEqual(expectedSeats(sim.tenant, { signIns: true }));
    expect(sim.stats.rateLimited).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms >= 30_000)).toBe(true);

    sim.knobs.rateLimit = undefined;
    sim.knobs.unavailableEveryNth = 2;
    sim.knobs.unavailableRetryAfterSeconds = 3;
    const again = connect(sim, { sleep: clock.sleep });
    expect(await collect(again.connector.subscriptions())).toEqual(seats);
    expect(sim.counters.unavailable).toBeGreaterThan(0);
    expect(again.waits).toContain(3000);
  });

  it('fails with Graph\'s own words on a bad token, after the one refresh the client allows', async () => {
    const sim = await simulator({ users: 20 });
    const auth = bearerAuth('eyJ.not-ours.sim');
    const { connector } = connect(sim, { auth });
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('unauthorized');
    expect((err as Error).message).toContain('Access token validation failure. (InvalidAuthenticationToken)');
    expect(auth.refreshes).toBe(1);
  });

  it('refuses an @odata.nextLink to another origin before sending anything there', async () => {
    const sim = await simulator({ users: 700 });
    sim.knobs.nextLinkOrigin = 'http://127.0.0.1:9';
    const err = await caught(collect(connect(sim).connector.subscriptions()));
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('foreign_origin');
    expect(sim.stats.log.filter((e) => e.path === '/v1.0/users')).toHaveLength(1);
  });

  it('stops on a page that is not Graph\'s shape: an HTML page, a user without a GUID id', async () => {
    const sim = await simulator({ users: 30 });
    sim.knobs.malformedPage = (req) => req.path === '/v1.0/users';
    const html = await caught(collect(connect(sim).connector.subscriptions()));
    expect((html as ConnectorError).code).toBe('malformed');
    sim.knobs.malformedPage = undefined;
    (sim.tenant.users[3] as { id: string }).id = '../../admin';
    const bad = await caught(collect(connect(sim).connector.subscriptions()));
    expect((bad as ConnectorError).code).toBe('malformed');
    expect((bad as Error).message).toContain('value.3.id');
  });
});

describe('Microsoft 365: reclaim, downgrade and undo change exactly the chosen seats', () => {
  it('removes one license and assigns it again with the plans it had; nothing else changes', async () => {
    const sim = await simulator({ users: 200 });
    const { connector } = connect(sim);
    const seats = await collect(connector.subscriptions());
    // Someone with two licenses, the first with a service plan turned off: undo must put that back.
    const user = sim.tenant.users.find((u) => u.licenses.length >= 2 && u.licenses[0]!.disabledPlans.length > 0 && !u.licenses[0]!.viaGroup)!;
    const license = { ...user.licenses[0]!, disabledPlans: [...user.licenses[0]!.disabledPlans] };
    expect(license.disabledPlans.length).toBeGreaterThan(0);
    const seat = seats.find((s) => s.userId === `${user.id}:${license.skuId}`)!;
    const before = licensesOf(sim.tenant);

    const call = connector.planReclaim(seat, 'remove');
    expect(call).toEqual({ method: 'POST', url: `${sim.url}/users/${user.id}/assignLicense`, body: { addLicenses: [], removeLicenses: [license.skuId] } });
    await connector.reclaim(seat, 'remove');
    const after = licensesOf(sim.tenant);
    for (const [id, licenses] of before) if (id !== user.id) expect(after.get(id)).toBe(licenses);
    expect(user.licenses.map((l) => l.skuId)).toEqual(JSON.parse(before.get(user.id)!).slice(1).map((l: { skuId: string }) => l.skuId));

    expect(connector.planUndo!(seat, 'remove').body).toEqual({ addLicenses: [{ skuId: license.skuId, disabledPlans: license.disabledPlans }], removeLicenses: [] });
    await connector.undo!(seat, 'remove');
    const restored = user.licenses.find((l) => l.skuId === license.skuId)!;
    expect(restored.disabledPlans).toEqual(license.disabledPlans);
    const final = licensesOf(sim.tenant);
    for (const [id, licenses] of before) if (id !== user.id) expect(final.get(id)).toBe(licenses);
  });

  it('moves a seat from E5 to E3 in one call and back on undo, even from a connector that did not download', async () => {
    const downgrades = { SPE_E5: 'SPE_E3' };
    const sim = await simulator({ users: 200 });
    const extra = { extra: { downgrades: 'SPE_E5=SPE_E3' } };
    const seats = await collect(connect(sim, extra).connector.subscriptions());
    expect(seats).toEqual(expectedSeats(sim.tenant, { signIns: true, downgrades }));
    const user = sim.tenant.users.find((u) => u.licenses.some((l) => l.skuId === SKU_IDS.SPE_E5 && !l.viaGroup) && !u.licenses.some((l) => l.skuId === SKU_IDS.SPE_E3))!;
    const seat = seats.find((s) => s.userId === `${user.id}:${SKU_IDS.SPE_E5}`)!;
    const before = licensesOf(sim.tenant);
    const e3Before = consumedUnits(sim.tenant, SKU_IDS.SPE_E3);

    // A reclaim run opens a new connector: the target's SKU id comes from the seat.
    const { connector } = connect(sim, extra);
    expect(connector.downgradeTargets!('SPE_E5')).toEqual(['SPE_E3']);
    expect(connector.downgradeTargets!('SPE_E3')).toEqual([]);
    const call = connector.planReclaim(seat, 'downgrade');
    expect(call.body).toEqual({ addLicenses: [{ skuId: SKU_IDS.SPE_E3, disabledPlans: [] }], removeLicenses: [SKU_IDS.SPE_E5] });
    const calls = sim.counters.licenseCalls;
    await connector.reclaim(seat, 'downgrade');
    expect(sim.counters.licenseCalls).toBe(calls + 1);
    expect(user.licenses.some((l) => l.skuId === SKU_IDS.SPE_E5)).toBe(false);
    expect(user.licenses.some((l) => l.skuId === SKU_IDS.SPE_E3)).toBe(true);
    expect(consumedUnits(sim.tenant, SKU_IDS.SPE_E3)).toBe(e3Before + 1);
    for (const [id, licenses] of licensesOf(sim.tenant)) if (id !== user.id) expect(licenses).toBe(before.get(id));

    // Undo, as the runner hands it over: the seat as it was, downgradeTo the tier it had.
    const undoSeat = { ...seat, downgradeTo: 'SPE_E5' };
    const e5Plans = (JSON.parse(before.get(user.id)!) as Array<{ skuId: string; disabledPlans: string[] }>).find((l) => l.skuId === SKU_IDS.SPE_E5)!.disabledPlans;
    expect(connector.planUndo!(undoSeat, 'downgrade').body).toEqual({ addLicenses: [{ skuId: SKU_IDS.SPE_E5, disabledPlans: e5Plans }], removeLicenses: [SKU_IDS.SPE_E3] });
    await connect(sim, extra).connector.undo!(undoSeat, 'downgrade');
    expect(user.licenses.some((l) => l.skuId === SKU_IDS.SPE_E3)).toBe(false);
    expect(user.licenses.some((l) => l.skuId === SKU_IDS.SPE_E5)).toBe(true);
    expect(consumedUnits(sim.tenant, SKU_IDS.SPE_E3)).toBe(e3Before);
    for (const [id, licenses] of licensesOf(sim.tenant)) if (id !== user.id) expect(licenses).toBe(before.get(id));
  });

  it('with two cheaper SKUs named, moves to the one the runner chose, and on undo takes off only the one the user holds', async () => {
    const sim = await simulator({ users: 200 });
    const extra = { extra: { downgrades: 'SPE_E5=SPE_E3, SPE_E5=ENTERPRISEPACK' } };
    const seats = await collect(connect(sim, extra).connector.subscriptions());
    const user = sim.tenant.users.find((u) => u.licenses.length === 1 && u.licenses[0]!.skuId === SKU_IDS.SPE_E5 && !u.licenses[0]!.viaGroup)!;
    const seat = seats.find((s) => s.userId === `${user.id}:${SKU_IDS.SPE_E5}`)!;
    const { connector } = connect(sim, extra);
    expect(connector.downgradeTargets!('SPE_E5')).toEqual(['SPE_E3', 'ENTERPRISEPACK']);
    expect(() => connector.planReclaim({ ...seat, downgradeTo: 'STANDARDPACK' }, 'downgrade')).toThrow(/can be moved down to SPE_E3 or ENTERPRISEPACK/);
    await connector.reclaim({ ...seat, downgradeTo: 'ENTERPRISEPACK' }, 'downgrade');
    expect(user.licenses.map((l) => l.skuId)).toEqual([SKU_IDS.ENTERPRISEPACK]);

    // Without the target, the plan lists both and the run removes only what the user holds.
    expect(connector.planUndo!(seat, 'downgrade').body).toEqual({ addLicenses: [{ skuId: SKU_IDS.SPE_E5, disabledPlans: [] }], removeLicenses: [SKU_IDS.SPE_E3, SKU_IDS.ENTERPRISEPACK] });
    await connector.undo!(seat, 'downgrade');
    expect(user.licenses.map((l) => l.skuId)).toEqual([SKU_IDS.SPE_E5]);
  });

  it('refuses what it cannot do, with the reason: no cheaper SKU named, freeze, a group license, no free license for undo', async () => {
    const sim = await simulator({ users: 200 });
    const { connector } = connect(sim);
    const seats = await collect(connector.subscriptions());
    const e5 = seats.find((s) => s.licenseType === 'SPE_E5')!;
    expect(() => connector.planReclaim(e5, 'downgrade')).toThrow(/No cheaper license is named for Microsoft 365 E5 \(SPE_E5\)/);
    expect(() => connector.planReclaim(e5, 'freeze')).toThrow(ConnectorError);
    const bad = connect(sim, { extra: { downgrades: 'SPE_E5' } }).connector;
    expect(() => bad.planReclaim(e5, 'downgrade')).toThrow(/is not FROM=TO/);
    expect(bad.downgradeTargets!('SPE_E5')).toEqual([]);

    const grouped = sim.tenant.users.find((u) => u.licenses.some((l) => l.viaGroup))!;
    const groupSeat = seats.find((s) => s.userId === `${grouped.id}:${grouped.licenses.find((l) => l.viaGroup)!.skuId}`)!;
    const before = licensesOf(sim.tenant);
    const refused = await caught(connector.reclaim(groupSeat, 'remove'));
    expect((refused as ConnectorError).code).toBe('bad_request');
    expect((refused as Error).message).toContain(GROUP_LICENSE);
    expect(licensesOf(sim.tenant)).toEqual(before);

    const holder = sim.tenant.users.find((u) => u.licenses.some((l) => l.skuId === SKU_IDS.SPE_E3 && !l.viaGroup))!;
    const e3Seat = seats.find((s) => s.userId === `${holder.id}:${SKU_IDS.SPE_E3}`)!;
    await connector.reclaim(e3Seat, 'remove');
    const sku = sim.tenant.skus.find((s) => s.skuId === SKU_IDS.SPE_E3)!;
    sku.prepaid.enabled = consumedUnits(sim.tenant, SKU_IDS.SPE_E3);
    const noLicense = await caught(connector.undo!(e3Seat, 'remove'));
    expect((noLicense as Error).message).toContain(`Subscription with SKU ${SKU_IDS.SPE_E3} does not have any available licenses.`);
    expect(() => connector.planReclaim({ ...e5, userId: 'not-a-seat' }, 'remove')).toThrow(/download seats again/);
  });
});

describe('Microsoft 365: probes, tenants and the token endpoint', () => {
  it('validates each process with one cheap call and says what is missing', async () => {
    const sim = await simulator({ users: 20 });
    const full = connect(sim).connector;
    for (const process of ['download', 'activity', 'reclaim'] as const) expect(await full.probe(process)).toMatchObject({ process, ok: true });
    // The reclaim probe changes nothing.
    const readOnly = connect(sim, { token: sim.issueToken({ roles: ['User.Read.All', 'LicenseAssignment.Read.All', 'AuditLog.Read.All'] }) }).connector;
    const reclaim = await readOnly.probe('reclaim');
    expect(reclaim.ok).toBe(false);
    expect(reclaim.message).toContain('LicenseAssignment.ReadWrite.All');
    const noUsers = connect(sim, { token: sim.issueToken({ roles: ['LicenseAssignment.Read.All'] }) }).connector;
    expect(await noUsers.probe('download')).toMatchObject({ ok: false });
    const basic = await simulator({ users: 20, premium: false, seed: 7 });
    const activity = await connect(basic).connector.probe('activity');
    expect(activity.ok).toBe(false);
    expect(activity.message).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  });

  it('gets its token through Seatwise\'s own client credentials code against the tenant endpoint, good and bad secret', async () => {
    const sim = await simulator({ users: 20 });
    const settings = { tokenUrl: tenantTokenUrl(sim.tenantId, sim.tokenUrlTemplate), clientId: sim.app.clientId, scopes: GRAPH_SCOPES };
    const tokens = await fetchClientCredentialsToken({ settings, clientSecret: sim.app.clientSecret, now: () => NOW });
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.expiresAt).toBe(new Date(NOW.getTime() + 3599_000).toISOString());
    const seats = await collect(connect(sim, { auth: bearerAuth(tokens.accessToken) }).connector.subscriptions());
    expect(seats).toEqual(expectedSeats(sim.tenant, { signIns: true }));
    const refused = await caught(fetchClientCredentialsToken({ settings, clientSecret: 'not-the-secret' }));
    expect(refused).toMatchObject({ code: 'token_exchange_failed', retryable: false });
    expect((refused as Error).message).toContain('AADSTS7000215');
  });

  it('keeps two tenants apart, each connector with its own token from its own tenant endpoint', async () => {
    const sim = await simulator({ tenants: [{ seed: 11, users: 40, now: NOW }, { seed: 12, users: 60, now: NOW, premium: false }] });
    for (const t of sim.tenants) {
      const url = tenantTokenUrl(t.tenantId, sim.tokenUrlTemplate);
      expect(url).toBe(t.tokenUrl);
      const granted = await requestToken(url, { client_id: t.app.clientId, client_secret: t.app.clientSecret, grant_type: 'client_credentials', scope: microsoft365Descriptor.defaults.scopes!.join(' ') });
      expect(granted.status).toBe(200);
      const { connector } = connectGraph(microsoft365Entry, { baseUrl: sim.url, token: granted.body.access_token as string, tenant: t.tenantId });
      expect(await collect(connector.subscriptions())).toEqual(expectedSeats(t.tenant, { signIns: t.tenant.premium }));
    }
    expect(() => tenantTokenUrl('contoso.onmicrosoft.com/../evil?x=')).toThrow(ConnectorError);
    expect(tenantTokenUrl('Contoso.onmicrosoft.com')).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
  });
});

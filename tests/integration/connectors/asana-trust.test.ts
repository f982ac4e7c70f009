/**
 * What Seatwise tells the admin about Asana, checked against the simulator: the audit log's
 * refusals are "activity unavailable", paused licenses are not paid seats, removeUser hands the
 * member's tasks away and Re-add does not bring them back, and only "remove" is offered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BILLING_PAUSED, BILLING_UNPAUSED } from '../../../connectors/asana/api.js';
import { createAsanaConnector } from '../../../connectors/asana/connector.js';
import { ASANA_LICENSE_TYPES, ASANA_SERVICE_ACCOUNT, asanaDescriptor } from '../../../connectors/asana/descriptor.js';
import { asanaHttpOptions } from '../../../connectors/asana/http-options.js';
import { billingPausedGids, isBilledSeat, isPaidSeat, seedAsanaOrg, type AsanaSeedMember } from '../../../connectors/asana/simulator/seed.js';
import { startAsanaSimulator, type AsanaSimulatorHandle, type AsanaSimulatorOptions } from '../../../connectors/asana/simulator/index.js';
import { ActivityUnavailableError, ConnectorError, createHttpClient } from '../../../connectors/http/index.js';
import type { Connector, SeatRecord, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth, type BearerAuth } from '../../helpers/bearer-auth.js';
import { caught, collect } from './asana-harness.js';

const TOKEN = 'asana-trust-token-7d2a';
const SEED = 424242;
const USERS = 400;
/** A fixed instant: the seed, the simulator and the connector's clock all use it. */
const NOW = new Date('2025-06-02T00:00:00.000Z');
const DAY_MS = 86_400_000;

const sims: AsanaSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: Partial<AsanaSimulatorOptions> = {}): Promise<AsanaSimulatorHandle> {
  const sim = await startAsanaSimulator({ token: TOKEN, seed: SEED, users: USERS, now: NOW, ...options });
  sims.push(sim);
  return sim;
}

interface Connected {
  connector: Connector;
  auth: BearerAuth;
  progress: Array<Partial<SyncProgress>>;
}

function connect(sim: AsanaSimulatorHandle, options: { serviceAccount?: boolean; refreshTo?: string } = {}): Connected {
  const progress: Array<Partial<SyncProgress>> = [];
  const signal = new AbortController().signal;
  const auth = bearerAuth(TOKEN, { refreshTo: options.refreshTo });
  const http = createHttpClient({
    baseUrl: sim.url,
    vendorName: 'Asana',
    auth,
    signal,
    sleep: async () => undefined,
    policy: { maxAttempts: 2, timeoutMs: 10_000 },
    ...asanaHttpOptions,
  });
  const connector = createAsanaConnector({
    http,
    settings: { baseUrl: sim.url, grantType: 'token', options: options.serviceAccount ? { tokenKind: ASANA_SERVICE_ACCOUNT } : {} },
    signal,
    progress: (update) => progress.push(update),
    now: () => NOW,
  });
  return { connector, auth, progress };
}

const auditPath = (sim: AsanaSimulatorHandle): string => `/api/1.0/workspaces/${sim.workspaceGid}/audit_log_events`;
const since = new Date(NOW.getTime() - 30 * DAY_MS);

describe('Asana audit log refusals are "activity unavailable", not a failed sync', () => {
  it('answers a token that is not a service account with Asana\'s error body (401 and 403)', async () => {
    const sim = await simulator({ users: 5 });
    for (const status of [401, 403] as const) {
      sim.knobs.auditLogDenial = status;
      const res = await fetch(`${sim.url}/workspaces/${sim.workspaceGid}/audit_log_events?limit=1`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { errors: Array<{ message: string; help: string }> };
      expect(body.errors).toEqual([{ message: expect.any(String), help: expect.stringContaining('developers.asana.com/docs/errors') }]);
    }
  });

  it.each([401, 403] as const)('turns a %i from the audit log into ActivityUnavailableError that says what is needed', async (status) => {
    const sim = await simulator({ knobs: { auditLogDenial: status } });
    const { connector, auth } = connect(sim, { refreshTo: TOKEN });
    const err = await caught(collect(connector.activity(since)));
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    const message = (err as ActivityUnavailableError).message;
    expect(message).toMatch(/^Activity is not available to this Asana connection: /);
    expect(message).toContain('service account token');
    expect(message).toContain('Enterprise+');
    expect(message).toContain('Compliance Management add-on');
    expect(message).not.toContain(TOKEN);
    // A 401 gets its one token refresh first: an expired OAuth token is renewed, not mistaken.
    expect(auth.refreshes).toBe(status === 401 ? 1 : 0);
    // The download is untouched by it.
    expect(await collect(connector.subscriptions())).toHaveLength(USERS);
  });

  it('turns a 402 (no audit log on the plan) into ActivityUnavailableError naming the plans', async () => {
    const sim = await simulator({ plan: 'business' });
    const { connector } = connect(sim);
    const err = (await caught(collect(connector.activity(since)))) as ActivityUnavailableError;
    expect(err).toBeInstanceOf(ActivityUnavailableError);
    expect(err.code).toBe('activity_unavailable');
    expect(err.message).toMatch(/^Activity is not available on this Asana plan: .*premium.*Enterprise\+, legacy Enterprise, or Enterprise with the Compliance Management add-on/);
  });

  it('probes activity as not ok with the same explanation, and download as ok', async () => {
    const sim = await simulator({ users: 20, knobs: { auditLogDenial: 403 } });
    const { connector } = connect(sim);
    const activity = await connector.probe('activity');
    expect(activity.ok).toBe(false);
    expect(activity.message).toContain('service account token');
    expect(await connector.probe('download')).toMatchObject({ ok: true });
  });
});

describe('Asana paused licenses are not paid seats', () => {
  it('the seed pauses members, unpauses some by admin and restores some by a sign-in', () => {
    const org = seedAsanaOrg({ seed: SEED, users: USERS, now: NOW, pausedFraction: 0.25 });
    const pausedEvents = org.events.filter((e) => e.eventType === BILLING_PAUSED);
    expect(pausedEvents.length).toBeGreaterThan(10);
    // The admin is the actor, the paused member the resource.
    expect(pausedEvents.every((e) => e.actorGid === org.meGid && e.resourceGid !== undefined)).toBe(true);
    const paused = billingPausedGids(org);
    const everPaused = new Set(pausedEvents.map((e) => e.resourceGid));
    const unpausedByAdmin = new Set(org.events.filter((e) => e.eventType === BILLING_UNPAUSED).map((e) => e.resourceGid));
    const restoredByLogin = [...everPaused].filter((gid) => gid && !paused.has(gid) && !unpausedByAdmin.has(gid));
    expect(paused.size).toBeGreaterThan(0);
    expect(unpausedByAdmin.size).toBeGreaterThan(0);
    expect(restoredByLogin.length).toBeGreaterThan(0);
    // Pauses are drawn on their own: the members and everyone else's sign-ins stay as without them.
    const plain = seedAsanaOrg({ seed: SEED, users: USERS, now: NOW });
    expect(org.members).toEqual(plain.members);
    const untouched = (e: { actorGid: string; resourceGid?: string; eventType: string; createdAt: string }) =>
      !everPaused.has(e.actorGid) && e.resourceGid === undefined ? [`${e.actorGid} ${e.eventType} ${e.createdAt}`] : [];
    expect(org.events.flatMap(untouched)).toEqual(plain.events.flatMap(untouched));
  });

  it('with a service account token, paused members are "Paused member" and not paid; the rest as before', async () => {
    const sim = await simulator({ pausedFraction: 0.25 });
    const { connector, progress } = connect(sim, { serviceAccount: true });
    const seats = await collect(connector.subscriptions());

    const paused = billingPausedGids(sim.org);
    const billed = isBilledSeat(sim.org);
    const byGid = new Map(seats.map((s) => [s.userId, s]));
    for (const m of sim.org.members) {
      const seat = byGid.get(m.userGid) as SeatRecord;
      expect(seat.paid, m.userGid).toBe(billed(m));
      if (paused.has(m.userGid) && isPaidSeat(m)) expect(seat.licenseType).toBe(ASANA_LICENSE_TYPES.paused);
      else expect(seat.licenseType).not.toBe(ASANA_LICENSE_TYPES.paused);
    }
    const pausedSeats = seats.filter((s) => s.licenseType === ASANA_LICENSE_TYPES.paused);
    expect(pausedSeats.length).toBe(sim.org.members.filter((m) => isPaidSeat(m) && paused.has(m.userGid)).length);
    expect(pausedSeats.every((s) => s.active && !s.paid)).toBe(true);
    expect(asanaDescriptor.knownLicenseTypes).toContain(ASANA_LICENSE_TYPES.paused);
    expect(progress.some((p) => p.message?.includes(`${pausedSeats.length} members with a paused license`))).toBe(true);
  });

  it('without a service account token it does not ask the audit log and counts every full member as paid', async () => {
    const sim = await simulator({ pausedFraction: 0.25 });
    const { connector } = connect(sim);
    const seats = await collect(connector.subscriptions());
    expect(sim.stats.requestsTo('GET', auditPath(sim))).toHaveLength(0);
    const expected = new Map(sim.org.members.map((m) => [m.userGid, isPaidSeat(m)]));
    expect(seats.every((s) => s.paid === expected.get(s.userId))).toBe(true);
    expect(seats.some((s) => s.licenseType === ASANA_LICENSE_TYPES.paused)).toBe(false);
  });

  it('follows live pauses: paused, then unpaused by an admin, then paused and restored by signing in', async () => {
    const sim = await simulator({ users: 30 });
    const target = sim.org.members.find((m: AsanaSeedMember) => m.userGid !== sim.org.meGid && isPaidSeat(m)) as AsanaSeedMember;
    const { connector } = connect(sim, { serviceAccount: true });
    const seatOf = async () => (await collect(connector.subscriptions())).find((s) => s.userId === target.userGid);

    expect(await seatOf()).toMatchObject({ licenseType: 'Paid member', paid: true });
    sim.pauseBilling(target.userGid, new Date(NOW.getTime() - 10 * DAY_MS));
    expect(await seatOf()).toMatchObject({ licenseType: 'Paused member', paid: false, active: true });
    sim.unpauseBilling(target.userGid, new Date(NOW.getTime() - 8 * DAY_MS));
    expect(await seatOf()).toMatchObject({ licenseType: 'Paid member', paid: true });
    sim.pauseBilling(target.userGid, new Date(NOW.getTime() - 5 * DAY_MS));
    expect(await seatOf()).toMatchObject({ paid: false });
    sim.logIn(target.userGid, new Date(NOW.getTime() - 2 * DAY_MS));
    expect(await seatOf()).toMatchObject({ licenseType: 'Paid member', paid: true });
    // A pause older than the audit log's 90 days is out of sight: counted as paid, not the reverse.
    const old = sim.org.members.find((m) => m !== target && m.userGid !== sim.org.meGid && isPaidSeat(m)) as AsanaSeedMember;
    sim.pauseBilling(old.userGid, new Date(NOW.getTime() - 91 * DAY_MS));
    expect((await collect(connector.subscriptions())).find((s) => s.userId === old.userGid)).toMatchObject({ paid: true });
  });

  it('when the audit log refuses the token, the download still succeeds and says pauses were not read', async () => {
    const sim = await simulator({ pausedFraction: 0.25, knobs: { auditLogDenial: 403 } });
    const { connector, progress } = connect(sim, { serviceAccount: true });
    const seats = await collect(connector.subscriptions());
    expect(seats).toHaveLength(USERS);
    expect(seats.filter((s) => s.paid)).toHaveLength(sim.org.members.filter(isPaidSeat).length);
    expect(progress.some((p) => p.message?.includes('could not read paused licenses'))).toBe(true);
  });
});

describe('Asana reclaim: remove, and "Re-add" that does not bring the work back', () => {
  it('removeUser hands the tasks to the token owner; Re-add (addUser) does not return them', async () => {
    const sim = await simulator({ users: 60 });
    const { connector } = connect(sim);
    const seats = await collect(connector.subscriptions());
    const target = seats.find((s) => s.paid && s.userId !== sim.org.meGid && sim.assignedTasks(s.userId) > 0) as SeatRecord;
    const tasks = sim.assignedTasks(target.userId);

    await connector.reclaim(target, 'remove');
    expect(sim.member(target.userId)?.isActive).toBe(false);
    expect(sim.deprovisionProjects).toEqual([expect.objectContaining({ ownerGid: sim.org.meGid, formerAssigneeGid: target.userId, tasks })]);
    expect(sim.assignedTasks(target.userId)).toBe(0);

    await connector.undo?.(target, 'remove');
    expect(sim.member(target.userId)?.isActive).toBe(true);
    expect(sim.assignedTasks(target.userId)).toBe(0);
    expect(sim.deprovisionProjects).toHaveLength(1);
  });

  it('says so in the descriptor: Re-add, seat only, tasks not restored; the bill drops when the seat count does', () => {
    const [remove, ...others] = asanaDescriptor.reclaimEffects;
    expect(others).toEqual([]);
    expect(remove).toMatchObject({ action: 'remove', undoLabel: 'Re-add', undoRestores: 'seat_only', saving: 'when_owned_drops' });
    expect(remove?.undoLoses).toMatch(/tasks/);
    expect(remove?.adminTodo).toMatch(/Billing/);
    const activity = asanaDescriptor.permissions.find((p) => p.process === 'activity');
    expect(activity?.permission).toMatch(/Service account token.*Enterprise\+.*Compliance Management add-on/);
    expect(asanaDescriptor.activityHint).toMatch(/service account token.*Enterprise\+, legacy Enterprise, or Enterprise with the Compliance Management add-on/);
  });

  it('offers only "remove": another action is a config error and nothing is sent', async () => {
    const sim = await simulator({ users: 10 });
    const { connector } = connect(sim);
    const seat = (await collect(connector.subscriptions())).find((s) => s.userId !== sim.org.meGid) as SeatRecord;
    const before = sim.stats.requests;
    expect(() => connector.planReclaim(seat, 'freeze')).toThrow(ConnectorError);
    expect(() => connector.planReclaim(seat, 'freeze')).toThrow(expect.objectContaining({ code: 'config' }));
    await expect(connector.reclaim(seat, 'downgrade')).rejects.toMatchObject({ code: 'config' });
    await expect(connector.undo?.(seat, 'freeze')).rejects.toMatchObject({ code: 'config' });
    expect(() => connector.planUndo?.(seat, 'downgrade')).toThrow(expect.objectContaining({ code: 'config' }));
    expect(sim.stats.requests).toBe(before);
    expect(connector.planReclaim(seat, 'remove')).toEqual(connector.planReclaim(seat));
  });
});

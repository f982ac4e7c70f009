/**
 * A sync never takes a seat the admin did not choose to take: with a rule's automatic reclaim
 * off (the default) approving makes no vendor call; with it on, the sync reclaims exactly the
 * approved seats and lists each call; under "notify user" no path reclaims before the date in
 * the person's notice. The clock is set: the simulator is seeded at NOW and the app reads NOW.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'asana-auto-reclaim-token-0123456789';
const DAY = 86_400_000;
const NOW = new Date('2031-03-03T09:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Setup {
  app: SeatwiseApp;
  sim: AsanaSimulatorHandle;
  profileId: string;
  clock: { now: Date };
}

async function setup(reclaimEnabled = true): Promise<Setup> {
  const sim: AsanaSimulatorHandle = await startAsanaSimulator({ token: TOKEN, seed: 21, users: 150, now: NOW, knobs: { rateLimit: undefined } });
  cleanups.push(() => sim.close());
  const { dir, cleanup } = tempDir('seatwise-auto-reclaim-');
  cleanups.push(cleanup);
  const keychain: TestKeychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const clock = { now: NOW };
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => clock.now });
  cleanups.push(() => app.close());
  const created = await app.profiles.create({
    name: 'Asana',
    vendor: 'asana',
    connection: { baseUrl: sim.url, grantType: 'token' },
    processes: { activity: { enabled: true, lookbackDays: 60 }, reclaim: { enabled: reclaimEnabled } },
  });
  await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
  await app.profiles.publish(created.id);
  expect((await app.sync.run(created.id, 'manual')).state).toBe('succeeded');
  return { app, sim, profileId: created.id, clock };
}

/** Vendor writes the simulator received: Asana's removeUser and addUser. */
const writes = (sim: AsanaSimulatorHandle): number => sim.stats.log.filter((e) => e.method !== 'GET').length;

async function approveSome(app: SeatwiseApp, profileId: string, count: number) {
  const open = (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open');
  const chosen = open.slice(0, count);
  expect(chosen.length).toBe(count);
  await app.service['candidates:setStatus']({ ids: chosen.map((c) => c.id), status: 'approved' });
  return chosen;
}

async function setAllRules(app: SeatwiseApp, profileId: string, patch: Parameters<SeatwiseApp['service']['rules:update']>[0]['patch']) {
  for (const rule of await app.service['rules:list']({ profileId })) await app.service['rules:update']({ ruleId: rule.id, patch });
}

describe('automatic reclaim in a sync', () => {
  it('is off for every new rule: approve, then sync, makes no vendor write and the candidates stay approved', async () => {
    const { app, sim, profileId } = await setup();
    const rules = await app.service['rules:list']({ profileId });
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.autoReclaim === false)).toBe(true);
    const approved = await approveSome(app, profileId, 3);
    sim.stats.reset();

    const job = await app.sync.run(profileId, 'manual');
    expect(job.state).toBe('succeeded');
    expect(writes(sim)).toBe(0);
    expect(job.reclaimed).toEqual([]);
    expect(job.phases.find((p) => p.phase === 'reclaim')?.state).toBe('skipped');
    const after = await app.service['candidates:list']({ profileId });
    for (const c of approved) expect(after.find((x) => x.id === c.id)?.status).toBe('approved');
    // Nothing is announced either: no rule reclaims by itself.
    expect(after.some((c) => c.autoReclaimAt)).toBe(false);
  });

  it('with automatic reclaim on and no notice, the sync reclaims exactly the approved seats and lists every call', async () => {
    const { app, sim, profileId } = await setup();
    await setAllRules(app, profileId, { autoReclaim: true });
    const approved = await approveSome(app, profileId, 3);
    const shown = await app.service['candidates:list']({ profileId });
    for (const c of approved) expect(shown.find((x) => x.id === c.id)?.autoReclaimAt).toBeDefined();
    sim.stats.reset();

    const job = await app.sync.run(profileId, 'manual');
    expect(writes(sim)).toBe(3);
    expect(job.reclaimed?.map((r) => r.candidateId).sort()).toEqual(approved.map((c) => c.id).sort());
    for (const r of job.reclaimed ?? []) {
      expect(r.status).toBe('reclaimed');
      expect(r.call).toMatchObject({ method: 'POST' });
      expect(r.call.url).toContain('/removeUser');
    }
    const inactive = new Set(sim.org.members.filter((m) => !m.isActive).map((m) => m.userGid));
    for (const c of approved) expect(inactive.has(c.userId)).toBe(true);
    // The audit event names the rule that allowed it, and that no one confirmed a run.
    const events = (await app.service['audit:list']({})).filter((e) => e.action === 'reclaim.seat');
    expect(events.length).toBe(3);
    for (const e of events) expect(e.after).toMatchObject({ trigger: 'automatic', ruleId: expect.any(String), ruleName: expect.any(String) });

    // Nothing twice.
    sim.stats.reset();
    const again = await app.sync.run(profileId, 'manual');
    expect(writes(sim)).toBe(0);
    expect(again.reclaimed).toEqual([]);
  });

  it('--no-reclaim (reclaim: false) makes no vendor write even under an automatic rule', async () => {
    const { app, sim, profileId } = await setup();
    await setAllRules(app, profileId, { autoReclaim: true });
    await approveSome(app, profileId, 2);
    sim.stats.reset();
    const job = await app.sync.run(profileId, 'manual', { reclaim: false });
    expect(writes(sim)).toBe(0);
    expect(job.reclaimed).toEqual([]);
  });

  it('touches nothing when the profile\'s reclaim process is off', async () => {
    const { app, sim, profileId } = await setup(false);
    await setAllRules(app, profileId, { autoReclaim: true });
    await approveSome(app, profileId, 2);
    sim.stats.reset();
    const job = await app.sync.run(profileId, 'manual');
    expect(job.phases.find((p) => p.phase === 'reclaim')?.state).toBe('skipped');
    expect(writes(sim)).toBe(0);
  });

  it('never before the notice date: syncs and reclaim --approved skip the seat; past the date the sync reclaims it', async () => {
    const { app, sim, profileId, clock } = await setup();
    await setAllRules(app, profileId, { notifyUser: true, daysBeforeAutoReclaim: 14, autoReclaim: true });
    const [seat] = await approveSome(app, profileId, 1);
    const row = (await app.service['candidates:list']({ profileId })).find((c) => c.id === seat!.id)!;
    expect(row.reclaimableAt).toBe(new Date(NOW.getTime() + 14 * DAY).toISOString());
    expect(Date.parse(row.autoReclaimAt!)).toBeGreaterThanOrEqual(Date.parse(row.reclaimableAt!));
    sim.stats.reset();

    for (const days of [0, 5, 13]) {
      clock.now = new Date(NOW.getTime() + days * DAY);
      const job = await app.sync.run(profileId, 'manual');
      expect(job.state).toBe('succeeded');
      expect(job.reclaimed).toEqual([]);
    }
    expect(writes(sim)).toBe(0);
    // The notice date does not move when the rule changes afterwards: the person was told.
    await setAllRules(app, profileId, { daysBeforeAutoReclaim: 1 });
    expect((await app.service['candidates:list']({ profileId })).find((c) => c.id === seat!.id)?.reclaimableAt).toBe(row.reclaimableAt);

    // A confirmed run of all approved seats skips it with the reason, and writes nothing.
    const plan = await app.service['reclaim:plan']({ profileId, approved: true });
    expect(plan.calls).toEqual([]);
    expect(plan.skipped).toContainEqual({ candidateId: seat!.id, email: seat!.email, reason: 'not yet: notice date 17 March 2031' });
    const run = await app.service['reclaim:run']({ profileId, approved: true });
    expect(run.reclaimed).toBe(0);
    expect(writes(sim)).toBe(0);

    clock.now = new Date(NOW.getTime() + 14 * DAY + 1000);
    const job = await app.sync.run(profileId, 'manual');
    expect(job.reclaimed?.map((r) => r.candidateId)).toEqual([seat!.id]);
    expect(writes(sim)).toBe(1);
  });

  it('the override takes a named seat before its notice date, and the audit says so', async () => {
    const { app, sim, profileId } = await setup();
    await setAllRules(app, profileId, { notifyUser: true, daysBeforeAutoReclaim: 14 });
    const [seat] = await approveSome(app, profileId, 1);
    await expect(app.service['reclaim:run']({ profileId, approved: true, ignoreNoticeDate: true })).rejects.toThrow(/named one by one/);
    sim.stats.reset();
    const run = await app.service['reclaim:run']({ profileId, candidateIds: [seat!.id], ignoreNoticeDate: true });
    expect(run.reclaimed).toBe(1);
    expect(writes(sim)).toBe(1);
    const event = (await app.service['audit:list']({})).find((e) => e.action === 'reclaim.seat');
    expect(event?.after).toMatchObject({ trigger: 'manual', ignoredNoticeDate: true, noticeDate: new Date(NOW.getTime() + 14 * DAY).toISOString() });
  });

  it('the scheduler\'s run behaves like sync: no write without automatic reclaim', async () => {
    const { app, sim, profileId } = await setup();
    await approveSome(app, profileId, 2);
    sim.stats.reset();
    const job = await app.sync.run(profileId, 'schedule');
    expect(job.state).toBe('succeeded');
    expect(writes(sim)).toBe(0);
  });
});

/**
 * The whole pipeline through the real services: store on disk, keychain (gnome-keyring under
 * scripts/with-keyring.sh), HTTP client and the Asana simulator. Expected values are computed
 * from the simulator's seed, never from the connector.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPaidSeat, lastLogins } from '../../../connectors/asana/simulator/seed.js';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { tempDir } from '../../helpers/temp-dir.js';

const DAY = 86_400_000;
const TOKEN = 'asana-pipeline-test-token-0123456789';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(options: { users?: number; plan?: 'enterprise' | 'business' } = {}): Promise<{ app: SeatwiseApp; sim: AsanaSimulatorHandle; dir: string; profileId: string }> {
  const sim = await startAsanaSimulator({ token: TOKEN, seed: 42, users: options.users ?? 640, plan: options.plan ?? 'enterprise', knobs: { rateLimit: undefined } });
  cleanups.push(() => sim.close());
  const t = tempDir();
  cleanups.push(t.cleanup);
  const app = await createApp({ dataDir: t.dir, transport: 'cli' });
  cleanups.push(() => app.close());
  const created = await app.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
  await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
  cleanups.push(() => app.profiles.remove(created.id).catch(() => undefined));
  return { app, sim, dir: t.dir, profileId: created.id };
}

describe('sync pipeline against the Asana simulator', () => {
  it('downloads exactly the seeded seats and makes exactly the expected candidates', async () => {
    const { app, sim, profileId } = await setup();
    await app.profiles.publish(profileId);
    const job = await app.sync.run(profileId, 'manual');
    expect(job.error).toBeUndefined();
    expect(job.state).toBe('succeeded');

    const members = sim.org.members;
    const paid = members.filter(isPaidSeat);
    const free = members.filter((m) => m.isActive && !isPaidSeat(m));
    expect(job.counts.seats).toBe(paid.length);
    expect(job.counts.freeSeats).toBe(free.length);
    expect(job.counts.subscriptions).toBe(members.length);
    expect(job.activityAvailable).toBe(true);

    const profile = app.profiles.require(profileId);
    const analysisStart = new Date(profile.analysisStart ?? '');
    const file = await app.store.candidates(profileId);
    const now = Date.parse(file?.computedAt ?? '');
    const logins = lastLogins(sim.org, analysisStart);
    const expected = paid
      .filter((m) => m.userGid !== sim.org.meGid)
      .filter((m) => {
        const since = logins.get(m.userGid) ?? new Date(Math.max(Date.parse(m.createdAt), analysisStart.getTime())).toISOString();
        return Math.floor((now - Date.parse(since)) / DAY) >= 60;
      })
      .map((m) => m.userGid)
      .sort();
    const actual = (file?.candidates ?? []).filter((c) => c.status === 'open').map((c) => c.userId).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
    // The connected account is never a candidate.
    expect(actual).not.toContain(sim.org.meGid);
    expect(app.profiles.primaryAlias(profile).connectedUserId).toBe(sim.org.meGid);
  });

  it('keeps the previous snapshot when a page is malformed, and says which request failed', async () => {
    const { app, sim, profileId } = await setup();
    await app.profiles.publish(profileId);
    const good = await app.sync.run(profileId, 'manual');
    const before = await app.store.snapshot(profileId);
    sim.knobs.malformedPage = (req) => req.path.endsWith('/workspace_memberships') && req.query.has('offset');
    const bad = await app.sync.run(profileId, 'manual');
    expect(bad.state).toBe('failed');
    expect(bad.error).toMatch(/not JSON/);
    expect(bad.error).toMatch(/workspace_memberships/);
    const after = await app.store.snapshot(profileId);
    expect(after?.jobId).toBe(good.id);
    expect(after?.subscriptions.length).toBe(before?.subscriptions.length);
    const summary = (await app.profiles.list()).find((p) => p.id === profileId);
    expect(summary?.health).toBe('failing');
    expect(summary?.seats).toBe(good.counts.seats);
  });

  it('reaches the same result through a storm of 429s and 500s', async () => {
    const { app, sim, profileId } = await setup({ users: 300 });
    sim.knobs.errorRate = 0.15;
    sim.knobs.rateLimit = { limit: 8, windowMs: 1000, headers: 'retry-after' };
    await app.profiles.publish(profileId).catch(async () => app.profiles.publish(profileId));
    const job = await app.sync.run(profileId, 'manual');
    expect(job.error).toBeUndefined();
    expect(job.counts.seats).toBe(sim.org.members.filter(isPaidSeat).length);
    expect(sim.stats.rateLimited + sim.stats.serverErrors).toBeGreaterThan(0);
  }, 120_000);

  it('says "activity not available" and makes no inactivity candidates on a plan without the audit log', async () => {
    const { app, profileId } = await setup({ plan: 'business' });
    await app.profiles.publish(profileId);
    const job = await app.sync.run(profileId, 'manual');
    expect(job.state).toBe('succeeded');
    expect(job.activityAvailable).toBe(false);
    expect(job.counts.candidates).toBe(0);
    expect(job.phases.find((p) => p.phase === 'activity')?.message).toMatch(/not available/i);
  });

  it('refuses to publish with a wrong token, with the vendor message, and stores nothing new', async () => {
    const { app, profileId } = await setup();
    await app.profiles.setSecret({ profileId, kind: 'token', value: 'a-wrong-token-123456' });
    const error = await app.profiles.publish(profileId).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/not accept the credentials|Not Authorized/);
    expect((error as Error).message).not.toContain('a-wrong-token-123456');
    expect(app.profiles.require(profileId).status).toBe('draft');
    expect(await app.store.snapshot(profileId)).toBeNull();
  });

  it('explains a wrong URL (nothing listening) clearly', async () => {
    const { app, profileId } = await setup();
    await app.profiles.update({ profileId, connection: { baseUrl: 'http://127.0.0.1:9/api/1.0' } });
    const result = await app.profiles.validate(profileId);
    expect(result.results.every((r) => !r.ok)).toBe(true);
    expect(result.results[0]?.message).toMatch(/Asana/);
    expect(result.results[0]?.message).toMatch(/connect|reach|refused/i);
  });

  it('a sync killed mid-download leaves a data folder that opens with the previous snapshot', async () => {
    const { app, sim, dir, profileId } = await setup();
    await app.profiles.publish(profileId);
    const good = await app.sync.run(profileId, 'manual');
    sim.knobs.latencyMs = 200;
    const { done } = app.sync.start(profileId, 'manual');
    await new Promise((r) => setTimeout(r, 400));
    app.sync.cancel(profileId);
    const cancelled = await done;
    expect(cancelled.state).toBe('cancelled');
    await app.close();
    const reopened = await createApp({ dataDir: dir, transport: 'cli' });
    cleanups.push(() => reopened.close());
    const snapshot = await reopened.store.snapshot(profileId);
    expect(snapshot?.jobId).toBe(good.id);
    expect(fs.readdirSync(path.join(dir, 'profiles', profileId)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

/**
 * The two page chains of an Asana sync (memberships and the audit log) run side by side, and
 * the order that matters still holds: activity is applied to the download that committed, and
 * a failed download commits nothing and stops the activity read.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { testKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'chains-side-by-side-token-0123456789';
const NOW = new Date('2031-04-01T07:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(): Promise<{ app: SeatwiseApp; sim: AsanaSimulatorHandle; profileId: string }> {
  const sim = await startAsanaSimulator({ token: TOKEN, seed: 12, users: 700, now: NOW, latencyMs: 15, knobs: { rateLimit: undefined } });
  cleanups.push(() => sim.close());
  const { dir, cleanup } = tempDir('seatwise-chains-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW });
  cleanups.push(() => app.close());
  const created = await app.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
  await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
  await app.profiles.publish(created.id);
  return { app, sim, profileId: created.id };
}

const answered = (sim: AsanaSimulatorHandle, part: string): number[] => sim.stats.log.filter((e) => e.method === 'GET' && e.path.includes(part)).map((e) => e.at);

describe('a sync with two page chains', () => {
  it('reads the audit log while the memberships are still paging, and applies it to the committed download', async () => {
    const { app, sim, profileId } = await setup();
    const job = await app.sync.run(profileId, 'manual');
    expect(job.state).toBe('succeeded');
    const memberships = answered(sim, '/workspace_memberships');
    const audit = answered(sim, '/audit_log_events');
    expect(memberships.length).toBeGreaterThan(3);
    expect(audit.length).toBeGreaterThan(0);
    // Side by side: an audit-log page was answered before the last membership page.
    expect(Math.min(...audit)).toBeLessThan(Math.max(...memberships));
    // And the activity landed on the seats that were committed.
    const seats = await app.service['subscriptions:list']({ profileId, limit: 10_000 });
    expect(seats.rows.some((s) => s.lastActivityAt)).toBe(true);
    expect(job.activityAvailable).toBe(true);
  });

  it('a download that fails while the audit log is read commits nothing and the activity is dropped', async () => {
    const { app, sim, profileId } = await setup();
    expect((await app.sync.run(profileId, 'manual')).state).toBe('succeeded');
    const before = await app.service['subscriptions:list']({ profileId, limit: 10_000 });
    sim.stats.reset();
    // Every membership page fails from now on; the audit log answers normally.
    sim.knobs.failEveryNth = 1;
    sim.knobs.faultsApplyTo = (req) => req.path.includes('/workspace_memberships');
    const job = await app.sync.run(profileId, 'manual');
    expect(job.state).toBe('failed');
    const after = await app.service['subscriptions:list']({ profileId, limit: 10_000 });
    expect(after).toEqual(before);
    // Once the download failed, no further activity request was made for this run.
    const failedAt = Math.max(...answered(sim, '/workspace_memberships'));
    const lateAudit = answered(sim, '/audit_log_events').filter((at) => at > failedAt + 1000);
    expect(lateAudit).toEqual([]);
  });

  it('an activity read that fails keeps the download it came with: committed once, by this run', async () => {
    const { app, sim, profileId } = await setup();
    expect((await app.sync.run(profileId, 'manual')).state).toBe('succeeded');
    // A member leaves; then every audit-log page fails while the memberships answer normally.
    const leaver = sim.org.members.find((m) => m.isActive && m.userGid !== sim.org.meGid)!;
    leaver.isActive = false;
    sim.knobs.failEveryNth = 1;
    sim.knobs.faultsApplyTo = (req) => req.path.includes('/audit_log_events');
    const job = await app.sync.run(profileId, 'manual');
    expect(job.state).not.toBe('succeeded');
    expect(job.phases.find((p) => p.phase === 'activity')?.state).toBe('failed');
    // The seats are this run's download, with the member gone from the paid seats.
    const snapshot = await app.store.snapshot(profileId);
    expect(snapshot?.jobId).toBe(job.id);
    const seats = await app.service['subscriptions:list']({ profileId, limit: 10_000 });
    expect(seats.rows.find((s) => s.userId === leaver.userGid)?.active ?? false).toBe(false);
  });
});

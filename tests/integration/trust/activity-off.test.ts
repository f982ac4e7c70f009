/**
 * No activity read means no inactivity candidates: a SCIM app (which reports none), and an
 * Asana profile whose admin turns activity off, have `activityAvailable: false`, zero
 * candidates, earlier open candidates resolved, and a note saying why and what would help.
 * Turned back on, the next sync reads activity and the candidates match it again.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAsanaSimulator } from '../../../connectors/asana/simulator/index.js';
import { startScimSimulator } from '../../../connectors/custom/simulator/scim.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { testKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'trust-activity-token-0123456789abcdef';
const NOW = new Date('2031-06-10T08:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function newApp(): Promise<SeatwiseApp> {
  const { dir, cleanup } = tempDir('seatwise-trust-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW });
  cleanups.push(() => app.close());
  return app;
}

const pending = <T extends { status: string }>(rows: T[]): T[] => rows.filter((c) => c.status === 'open' || c.status === 'approved');

describe('activity that was not read claims nobody is inactive', () => {
  it.each([
    ['with the Analyze activity box off, as the playbook leaves it', false],
    ['with activity asked for', true],
  ])('a SCIM app, which reports no activity, publishes with zero candidates and says why (%s)', async (_, activity) => {
    const sim = await startScimSimulator({ token: TOKEN, seed: 5, users: 85 });
    cleanups.push(() => sim.close());
    const app = await newApp();
    const created = await app.profiles.create({
      name: 'Wiki',
      vendor: 'custom',
      preset: 'scim',
      connection: { baseUrl: sim.url, grantType: 'token' },
      processes: { activity: { enabled: activity, lookbackDays: 60 }, reclaim: { enabled: true } },
    });
    await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
    await app.profiles.publish(created.id);
    const job = await app.sync.run(created.id, 'publish');
    expect(job.state).toBe('succeeded');
    expect(job.activityAvailable).toBe(false);
    expect(job.counts.candidates).toBe(0);
    expect(job.counts.seats).toBeGreaterThan(0);
    const detail = await app.service['profiles:get']({ profileId: created.id });
    expect(detail.activityAvailable).toBe(false);
    expect(detail.candidates).toBe(0);
    expect(detail.activityNote?.reason).toMatch(activity ? /unavailable|not_supported/ : /turned_off/);
    expect(detail.activityNote?.hint).toMatch(/identity provider/);
    expect(await app.service['candidates:list']({ profileId: created.id })).toEqual([]);
  });

  it('Asana with activity turned off: open candidates are resolved, none come back until it is on again', async () => {
    const sim = await startAsanaSimulator({ token: TOKEN, seed: 8, users: 120, now: NOW, knobs: { rateLimit: undefined } });
    cleanups.push(() => sim.close());
    const app = await newApp();
    const created = await app.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
    await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
    await app.profiles.publish(created.id);
    expect((await app.sync.run(created.id, 'publish')).activityAvailable).toBe(true);
    const before = pending(await app.service['candidates:list']({ profileId: created.id }));
    expect(before.length).toBeGreaterThan(0);
    await app.service['candidates:setStatus']({ ids: [before[0]!.id], status: 'approved' });

    // Turning it off resolves at once, approved ones included: nothing is left to be reclaimed.
    const off = await app.service['profiles:update']({ profileId: created.id, processes: { activity: { enabled: false, lookbackDays: 60 }, reclaim: { enabled: true } } });
    expect(off.activityAvailable).toBe(false);
    expect(off.activityNote?.reason).toBe('turned_off');
    expect(off.candidates).toBe(0);
    const resolved = await app.service['candidates:list']({ profileId: created.id });
    expect(pending(resolved)).toEqual([]);
    for (const c of before) expect(resolved.find((r) => r.id === c.id)?.why).toMatch(/activity/);

    const job = await app.sync.run(created.id, 'manual');
    expect(job.activityAvailable).toBe(false);
    expect(job.counts.candidates).toBe(0);
    expect(job.phases.find((p) => p.phase === 'activity')).toMatchObject({ state: 'skipped' });
    expect((await app.service['reclaim:plan']({ profileId: created.id, approved: true })).calls).toEqual([]);

    await app.service['profiles:update']({ profileId: created.id, processes: { activity: { enabled: true, lookbackDays: 60 }, reclaim: { enabled: true } } });
    const back = await app.sync.run(created.id, 'manual');
    expect(back.activityAvailable).toBe(true);
    const again = pending(await app.service['candidates:list']({ profileId: created.id }));
    // The same people are inactive as before: the activity decides, not the switch.
    expect(again.map((c) => c.userId).sort()).toEqual(before.map((c) => c.userId).sort());
    const detail = await app.service['profiles:get']({ profileId: created.id });
    expect(detail.activityNote).toBeUndefined();
  });
});

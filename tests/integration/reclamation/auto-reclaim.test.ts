/**
 * The pipeline's last step: after a sync, approved candidates and those of rules set to
 * reclaim without approval are reclaimed, only where the profile's reclaim process is on.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'asana-auto-reclaim-token-0123456789';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(reclaimEnabled: boolean): Promise<{ app: SeatwiseApp; sim: AsanaSimulatorHandle; profileId: string }> {
  const sim: AsanaSimulatorHandle = await startAsanaSimulator({ token: TOKEN, seed: 21, users: 150, knobs: { rateLimit: undefined } });
  cleanups.push(() => sim.close());
  const { dir, cleanup } = tempDir('seatwise-auto-reclaim-');
  cleanups.push(cleanup);
  const keychain: TestKeychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault });
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
  return { app, sim, profileId: created.id };
}

describe('reclaim step of the sync pipeline', () => {
  it('reclaims exactly the approved candidates on the next sync, and nothing twice', async () => {
    const { app, sim, profileId } = await setup(true);
    const open = (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open');
    const approved = open.slice(0, 3);
    expect(approved.length).toBe(3);
    await app.service['candidates:setStatus']({ ids: approved.map((c) => c.id), status: 'approved' });

    const job = await app.sync.run(profileId, 'manual');
    expect(job.phases.find((p) => p.phase === 'reclaim')).toMatchObject({ state: 'succeeded', message: '3 reclaimed, 0 failed' });
    const inactive = sim.org.members.filter((m) => !m.isActive).map((m) => m.userGid);
    for (const c of approved) expect(inactive).toContain(c.userId);

    const again = await app.sync.run(profileId, 'manual');
    expect(again.phases.find((p) => p.phase === 'reclaim')?.state).toBe('skipped');
    expect(sim.org.members.filter((m) => !m.isActive).length).toBe(inactive.length);
  });

  it('touches nothing when the profile\'s reclaim process is off', async () => {
    const { app, sim, profileId } = await setup(false);
    const open = (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open');
    await app.service['candidates:setStatus']({ ids: open.slice(0, 2).map((c) => c.id), status: 'approved' });
    const before = sim.org.members.filter((m) => !m.isActive).length;
    const job = await app.sync.run(profileId, 'manual');
    expect(job.phases.find((p) => p.phase === 'reclaim')?.state).toBe('skipped');
    expect(sim.org.members.filter((m) => !m.isActive).length).toBe(before);
  });
});

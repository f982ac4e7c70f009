/**
 * Two team servers on one PostgreSQL database (a private cluster started here), each its own
 * app, pool and sealed vault, against the Asana simulator: a scheduled run asked of both is
 * made once, a run its dead server left behind is taken over, a manual sync on one is refused
 * while the other syncs, and two reclaims of one approved seat make one vendor call.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { PostgresStore } from '../../../main/store/postgres/postgres-store.js';
import { KeyRing } from '../../../main/vault/key-ring.js';
import { postgresUnavailable, startCluster, type TestCluster } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/temp-dir.js';

const NO_POSTGRES = postgresUnavailable();
if (NO_POSTGRES) console.log(`two-servers: skipped: ${NO_POSTGRES}`);

const TOKEN = 'asana-team-servers-token-0123456789';

describe.skipIf(NO_POSTGRES !== undefined)('two servers on one database', () => {
  let cluster: TestCluster;
  let sim: AsanaSimulatorHandle;
  let a: SeatwiseApp;
  let b: SeatwiseApp;
  let profileId: string;
  let cleanup: () => void;
  // The servers' clock, moved on where a test needs a later slot.
  let later = 0;

  const server = async (url: string, dir: string, keys: KeyRing): Promise<SeatwiseApp> => {
    const store = await PostgresStore.open({ url, workDir: dir, maxConnections: 4 });
    return createApp({ dataDir: dir, transport: 'http', store, vault: store.secrets(keys), control: false, shared: true, schedule: false, now: () => new Date(Date.now() + later) });
  };
  const listings = (): number => sim.stats.requests;

  beforeAll(async () => {
    cluster = startCluster();
    const url = await cluster.createDatabase('two_servers');
    const work = tempDir('seatwise-two-servers-');
    cleanup = work.cleanup;
    const keys = KeyRing.parse(`k1 ${randomBytes(32).toString('base64')}\n`, 'keys');
    sim = await startAsanaSimulator({ token: TOKEN, seed: 42, users: 120, knobs: { rateLimit: undefined } });
    a = await server(url, path.join(work.dir, 'a'), keys);
    b = await server(url, path.join(work.dir, 'b'), keys);
    const created = await a.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
    profileId = created.id;
    await a.profiles.setSecret({ profileId, kind: 'token', value: TOKEN });
    await a.profiles.publish(profileId);
    expect((await a.sync.run(profileId, 'manual')).state).toBe('succeeded');
    // A credential replaced: the audit says where a server keeps it, not in a keychain it has not.
    await a.profiles.setSecret({ profileId, kind: 'token', value: TOKEN });
    const stored = (await a.store.audit.read()).filter((e) => e.action === 'connection.secret_set').map((e) => e.message);
    expect(stored.length).toBeGreaterThan(0);
    expect(new Set(stored)).toEqual(new Set(['token stored in the team database, sealed with the server keys']));
    // Server b takes in what a saved, as its refresh does every few seconds.
    await b.store.refresh!();
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    await sim?.close();
    cluster?.stop();
    cleanup?.();
  });

  it('a scheduled run asked of both servers at once is made once', async () => {
    const before = listings();
    const single = await (async () => {
      const start = listings();
      await a.sync.run(profileId, 'manual');
      return listings() - start;
    })();
    expect(single).toBeGreaterThan(0);
    sim.knobs.latencyMs = 30;
    const [ja, jb] = await Promise.all([a.sync.run(profileId, 'schedule'), b.sync.run(profileId, 'schedule')]);
    sim.knobs.latencyMs = 0;
    expect(ja.state).toBe('succeeded');
    expect(jb.state).toBe('succeeded');
    // Both hand back the one run that was made.
    expect(ja.id).toBe(jb.id);
    expect(listings() - before).toBe(2 * single);
    const scheduled = (await a.sync.jobs(profileId)).filter((j) => j.trigger === 'schedule');
    expect(scheduled.map((j) => j.id)).toEqual([ja.id]);
  }, 60_000);

  it('a manual sync on one server is refused while the other syncs the profile, and says why', async () => {
    sim.knobs.latencyMs = 150;
    const running = a.sync.run(profileId, 'manual');
    // a holds the claim once its run has saved its first record.
    for (let i = 0; i < 200 && !(await b.store.jobs()).some((j) => j.profileId === profileId && j.state === 'running'); i++) await new Promise((r) => setTimeout(r, 20));
    const refused = await b.sync.run(profileId, 'manual');
    sim.knobs.latencyMs = 0;
    expect(refused.state).toBe('failed');
    expect(refused.error).toMatch(/Another Seatwise server is syncing this profile now/);
    expect((await running).state).toBe('succeeded');
  }, 60_000);

  it('a run a dead server left running is closed as interrupted, and the slot is run', async () => {
    // The next day's slot: the run of the first test covers nothing now.
    later = 24 * 3_600_000;
    const [newest] = await b.sync.jobs(profileId, 1);
    // What a server killed mid-sync leaves: its record still running, its claim gone with its connection.
    const dead = { ...newest!, id: 'job-dead-server', trigger: 'schedule' as const, state: 'running' as const, startedAt: new Date(Date.now() + later - 60_000).toISOString(), finishedAt: undefined, error: undefined };
    await a.store.saveJob(dead);
    const before = listings();
    const job = await b.sync.run(profileId, 'schedule');
    expect(job.state, job.error).toBe('succeeded');
    expect(job.id).not.toBe(dead.id);
    expect(listings()).toBeGreaterThan(before);
    const closed = (await a.sync.jobs(profileId)).find((j) => j.id === dead.id);
    expect(closed).toMatchObject({ state: 'interrupted' });
  }, 60_000);

  it('two reclaims of one approved seat, one on each server, make one vendor call', async () => {
    await b.store.refresh!();
    const [candidate] = (await a.service['candidates:list']({ profileId })).filter((c) => c.status === 'open');
    expect(candidate).toBeDefined();
    await a.service['candidates:setStatus']({ ids: [candidate!.id], status: 'approved' });
    const removals = (): number => sim.stats.log.filter((e) => e.method === 'POST' && e.path.includes('/removeUser')).length;
    const before = removals();
    sim.knobs.latencyMs = 100;
    const outcomes = await Promise.allSettled([
      a.service['reclaim:run']({ profileId, candidateIds: [candidate!.id] }),
      b.service['reclaim:run']({ profileId, candidateIds: [candidate!.id] }),
    ]);
    sim.knobs.latencyMs = 0;
    expect(removals() - before).toBe(1);
    const reclaimed = outcomes.filter((o) => o.status === 'fulfilled' && o.value.reclaimed === 1);
    expect(reclaimed).toHaveLength(1);
    // The other was refused while the first ran, or found the seat already reclaimed.
    const other = outcomes.find((o) => !(o.status === 'fulfilled' && o.value.reclaimed === 1))!;
    if (other.status === 'rejected') expect(other.reason).toMatchObject({ code: 'conflict' });
    else expect(other.value).toMatchObject({ reclaimed: 0, failed: 0 });
    expect((await b.service['candidates:list']({ profileId })).find((c) => c.id === candidate!.id)?.status).toBe('reclaimed');
  }, 60_000);
});

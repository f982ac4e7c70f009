/**
 * An estate synced at once: profiles of three vendors run side by side
 * through the real services against the real simulators, one vendor (Asana) answering 429
 * with Retry-After for the whole run. What each simulator saw is recorded on its side (when
 * each request arrived and ended, how many were in flight), so the assertions read order and
 * counts, never wall-clock thresholds.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asanaHttpOptions } from '../../../connectors/asana/http-options.js';
import { startAsanaSimulator } from '../../../connectors/asana/simulator/index.js';
import { calendlyHttpOptions } from '../../../connectors/calendly/http-options.js';
import { startCalendlySimulator } from '../../../connectors/calendly/simulator/index.js';
import { customHttpOptions } from '../../../connectors/custom/http-options.js';
import { startScimSimulator } from '../../../connectors/custom/simulator/index.js';
import type { SimulatorHandle } from '../../../connectors/simulator-kit/server.js';
import type { RequestLogEntry } from '../../../connectors/simulator-kit/stats.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { MemorySecretStore } from '../../helpers/memory-secret-store.js';
import type { JobResult } from '../../../preload/contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

const NOW = new Date('2031-05-04T06:00:00.000Z');
const USERS = 200;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Seen {
  arrivals: { at: number; path: string }[];
  ends: { at: number; status: number }[];
  maxInFlight: number;
}

/**
 * Records, on the simulator's side, when each request arrived (the fault hook runs first for
 * every request) and ended (the stats record is written as the answer is sent), and the most
 * requests it held at once: received so far minus answered so far.
 */
function watch(sim: SimulatorHandle): Seen {
  const seen: Seen = { arrivals: [], ends: [], maxInFlight: 0 };
  // Counted from now: the simulator's own count includes the publish syncs before.
  let answered = sim.stats.requests;
  const record = sim.stats.record.bind(sim.stats);
  sim.stats.record = (entry: RequestLogEntry) => {
    answered += 1;
    seen.ends.push({ at: performance.now(), status: entry.status });
    record(entry);
  };
  const applies = sim.knobs.faultsApplyTo;
  sim.knobs.faultsApplyTo = (req) => {
    seen.arrivals.push({ at: performance.now(), path: req.path });
    seen.maxInFlight = Math.max(seen.maxInFlight, sim.stats.requests - answered);
    return applies ? applies(req) : true;
  };
  return seen;
}

interface Sent {
  /** When each request to the vendor left Seatwise's fetch, and when each 429 was read there. */
  sends: number[];
  throttled: number[];
}

/** Records, at the fetch every connection calls, the requests to one origin and the 429s read back. */
function recordSends(base: string): Sent {
  const sent: Sent = { sends: [], throttled: [] };
  const origin = new URL(base).origin;
  const real = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin) return real(input, init);
    sent.sends.push(performance.now());
    const response = await real(input, init);
    if (response.status === 429) sent.throttled.push(performance.now());
    return response;
  };
  cleanups.push(() => {
    globalThis.fetch = real;
  });
  return sent;
}

async function newApp(): Promise<SeatwiseApp> {
  const { dir, cleanup } = tempDir('seatwise-estate-');
  cleanups.push(cleanup);
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: new MemorySecretStore(), now: () => NOW, control: false });
  cleanups.push(() => app.close());
  return app;
}

async function addProfile(app: SeatwiseApp, name: string, vendor: 'asana' | 'calendly' | 'custom', url: string, token: string): Promise<string> {
  const created = await app.profiles.create({
    name,
    vendor,
    ...(vendor === 'custom' ? { preset: 'scim' } : {}),
    connection: { baseUrl: url, grantType: 'token' },
    ...(vendor === 'custom' ? { processes: { activity: { enabled: false, lookbackDays: 60 }, reclaim: { enabled: false } } } : {}),
  });
  await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: token });
  // Published without its first sync running yet: the estate run is the one under test.
  await app.profiles.publish(created.id);
  await app.sync.run(created.id, 'publish');
  return created.id;
}

const finished = (job: JobResult): boolean => job.state !== 'running' && job.state !== 'queued';

describe('an estate synced at once', () => {
  it('a vendor answering 429 slows only its own profiles; no account sees more than its allowance; one run per profile', async () => {
    const asana = await startAsanaSimulator({ token: 'estate-asana-token', seed: 31, users: 600, now: NOW, latencyMs: 5, knobs: { rateLimit: undefined } });
    const scim = await startScimSimulator({ token: 'estate-scim-token', seed: 32, users: USERS, maxPageSize: 25, knobs: { latencyMs: 5 } });
    const calendly = await startCalendlySimulator({ seed: 33, size: USERS, now: NOW, knobs: { rateLimit: undefined, latencyMs: 5 } });
    cleanups.push(() => asana.close(), () => scim.close(), () => calendly.close());
    const app = await newApp();

    const vendorOf = new Map<string, 'asana' | 'scim' | 'calendly'>();
    for (let i = 1; i <= 3; i++) vendorOf.set(await addProfile(app, `Asana ${i}`, 'asana', asana.url, 'estate-asana-token'), 'asana');
    // Eight runs against one SCIM account whose allowance is four requests at once.
    for (let i = 1; i <= 8; i++) vendorOf.set(await addProfile(app, `Wiki ${i}`, 'custom', scim.url, 'estate-scim-token'), 'scim');
    for (let i = 1; i <= 2; i++) vendorOf.set(await addProfile(app, `Calendly ${i}`, 'calendly', calendly.url, calendly.token), 'calendly');
    const ids = [...vendorOf.keys()];

    const seen = { asana: watch(asana), scim: watch(scim), calendly: watch(calendly) };
    const sent = { asana: recordSends(asana.url) };
    // Asana's paid limit, scaled down: 6 requests a second, and 429 with Retry-After past it.
    asana.knobs.rateLimit = { limit: 6, windowMs: 1000, headers: 'retry-after' };

    const order: string[] = [];
    const off = app.events.on((name, payload) => {
      if (name !== 'jobs:changed') return;
      const { job } = payload as { job: JobResult };
      if (finished(job) && !order.includes(job.profileId)) order.push(job.profileId);
    });
    cleanups.push(off);

    // The estate run as `sync --all` asks for it, and the schedule asking for the same profiles
    // at the same moment: each joins the run already going.
    const asked = await Promise.all(ids.map((profileId) => app.service['sync:run']({ profileId })));
    const scheduled = ids.map((profileId) => app.scheduler.runNow(profileId, 'schedule'));
    const jobs = await Promise.all(ids.map((profileId) => app.sync.run(profileId, 'manual')));
    await Promise.all(scheduled.map((run) => run.done));

    // Every run succeeded, the 429 vendor's after retrying.
    expect(jobs.map((j) => j.state)).toEqual(ids.map(() => 'succeeded'));
    expect(jobs.map((j) => j.id)).toEqual(asked.map((j) => j.id));
    expect(seen.asana.ends.filter((e) => e.status === 429).length).toBeGreaterThan(0);

    // Never two runs of one profile: one job each for the estate run (the publish's first sync before it).
    for (const profileId of ids) {
      const runs = (await app.sync.jobs(profileId)).filter((j) => j.trigger !== 'publish');
      expect(runs.map((j) => j.id)).toEqual([jobs[ids.indexOf(profileId)]!.id]);
    }

    // The other vendors did not wait for Asana: every one of their runs ended before the first Asana run did.
    const firstAsana = order.findIndex((id) => vendorOf.get(id) === 'asana');
    expect(order.slice(0, firstAsana).map((id) => vendorOf.get(id)).sort()).toEqual([...ids.filter((id) => vendorOf.get(id) !== 'asana').map((id) => vendorOf.get(id))].sort());

    // A 429 paused the whole Asana account, not just the run it answered: once Seatwise had
    // read one, no Asana profile sent a request until its Retry-After (1 s) had passed. Read on
    // Seatwise's side of the wire, where "sent" and "read" are the limiter's own moments, so a
    // loaded machine can only make the gap longer; the vendor's side above shows the 429s.
    const tooSoon = sent.asana.throttled.flatMap((seenAt) => sent.asana.sends.filter((at) => at > seenAt + 5 && at < seenAt + 990));
    expect(sent.asana.throttled.length).toBeGreaterThan(0);
    expect(tooSoon).toEqual([]);

    // Each account's allowance held across all its runs, at the vendor's side.
    expect(seen.scim.maxInFlight).toBeGreaterThan(0);
    expect(seen.scim.maxInFlight).toBeLessThanOrEqual(customHttpOptions.concurrency!);
    expect(seen.asana.maxInFlight).toBeLessThanOrEqual(asanaHttpOptions.concurrency!);
    expect(seen.calendly.maxInFlight).toBeLessThanOrEqual(calendlyHttpOptions.concurrency!);
  }, 60_000);

  it('runs beyond maxParallelSyncs wait as queued jobs, and a new bound applies at once', async () => {
    const scim = await startScimSimulator({ token: 'estate-scim-token', seed: 34, users: 60, maxPageSize: 20, knobs: { latencyMs: 40 } });
    cleanups.push(() => scim.close());
    const app = await newApp();
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) ids.push(await addProfile(app, `Wiki ${i}`, 'custom', scim.url, 'estate-scim-token'));

    // Runs at once, read from the job events: started (first seen running) minus ended.
    const started = new Set<string>();
    const ended = new Set<string>();
    let most = 0;
    const off = app.events.on((name, payload) => {
      if (name !== 'jobs:changed') return;
      const { job } = payload as { job: JobResult };
      if (job.trigger === 'publish') return;
      if (job.state === 'running') started.add(job.id);
      else if (finished(job)) ended.add(job.id);
      most = Math.max(most, [...started].filter((id) => !ended.has(id)).length);
    });
    cleanups.push(off);

    await app.service['settings:update']({ maxParallelSyncs: 1 });
    const asked = await Promise.all(ids.map((profileId) => app.service['sync:run']({ profileId })));
    expect(asked.map((j) => j.state)).toEqual(['running', 'queued', 'queued', 'queued']);
    expect(app.sync.queuedCount()).toBe(3);

    // Raised while three wait: two start now, not at the next start of the app.
    await app.service['settings:update']({ maxParallelSyncs: 3 });
    expect(app.sync.queuedCount()).toBe(1);
    expect(app.scheduler.queue.maxParallel).toBe(3);

    const jobs = await Promise.all(ids.map((profileId) => app.sync.run(profileId, 'manual')));
    expect(jobs.map((j) => j.state)).toEqual(ids.map(() => 'succeeded'));
    expect(ended.size).toBe(4);
    expect(most).toBe(3);
  }, 60_000);
});

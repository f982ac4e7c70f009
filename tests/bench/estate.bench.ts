/**
 * Benchmark (not a test): a whole estate synced at once. 50 published
 * profiles, 5,000 seats each: Asana, Calendly, SCIM (the custom connector's preset) and
 * Salesforce, the multi-org vendor, with fourteen orgs, each its own instance. Every profile is
 * its own vendor account behind its own simulator in a worker thread (sync-simulator-host.ts),
 * answering each request `latencyMs` after it arrives, so no two profiles share a limiter and
 * the only thing they share is this process: its one main thread, its store, its bound on runs
 * at once (the default of settings.maxParallelSyncs).
 *
 * Timed: what `seatwise sync --all` waits for, in process: sync:run for every published
 * profile through the app's contract, until the last job has ended (download, activity,
 * candidates, the commits). The first sync of each profile (its publish) is the warm-up.
 *
 * Floor of one profile: its longest chain of requests, one after the other, times the latency:
 * the seat listing's pages (cursor paging cannot run in parallel) plus the whoami before it.
 * Activity is read beside the listing and is shorter. Ratio = whole estate / the longest
 * single profile's floor; target <= 1.3.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { QUERY_BATCH_SIZE } from '../../connectors/salesforce/query.js';
import { createApp, type SeatwiseApp } from '../../main/app.js';
import { MemorySecretStore } from '../helpers/memory-secret-store.js';
import type { JobResult } from '../../preload/contract.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { RatioBenchResult } from './sync.bench.js';
import { hostSimulator, type HostedSimulator } from './sync-simulator-host.js';
import type { SyncVendorId } from './sync-simulators.js';

const SEATS = 5_000;
/** A real vendor's time to answer a 100-record page; Salesforce's for a 2,000-record batch. */
const LATENCY_MS = 100;
const SALESFORCE_LATENCY_MS = 400;

interface Kind {
  vendor: SyncVendorId;
  profiles: number;
  latencyMs: number;
  /** Records per page the connector asks for. */
  pageSize: number;
}

const ESTATE: Kind[] = [
  { vendor: 'asana', profiles: 12, latencyMs: LATENCY_MS, pageSize: 100 },
  { vendor: 'calendly', profiles: 12, latencyMs: LATENCY_MS, pageSize: 100 },
  { vendor: 'scim', profiles: 12, latencyMs: LATENCY_MS, pageSize: 100 },
  { vendor: 'salesforce', profiles: 14, latencyMs: SALESFORCE_LATENCY_MS, pageSize: QUERY_BATCH_SIZE },
];

/** The chain a profile cannot shorten: whoami, then every page of the listing. */
const floorOf = (kind: Kind): number => (1 + Math.ceil(SEATS / kind.pageSize)) * kind.latencyMs;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function addProfile(app: SeatwiseApp, name: string, vendor: SyncVendorId, sim: HostedSimulator): Promise<string> {
  const { url, token, oauth } = sim.info;
  const created =
    vendor === 'salesforce'
      ? await app.profiles.create({
          name,
          vendor: 'salesforce',
          connection: { baseUrl: new URL(url).origin, grantType: 'client_credentials', clientId: oauth!.clientId, tokenUrl: oauth!.tokenUrl },
        })
      : await app.profiles.create({
          name,
          vendor: vendor === 'scim' ? 'custom' : vendor,
          ...(vendor === 'scim' ? { preset: 'scim' } : {}),
          connection: { baseUrl: url, grantType: 'token' },
        });
  if (vendor === 'salesforce') await app.profiles.setSecret({ profileId: created.id, kind: 'clientSecret', value: oauth!.clientSecret });
  else await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: token });
  await app.profiles.publish(created.id);
  return created.id;
}

/** `sync --all`, in process: every published profile asked for at once, until the last job ends. */
async function syncAll(app: SeatwiseApp): Promise<JobResult[]> {
  const ids = (await app.service['profiles:list']({})).filter((p) => p.status === 'published').map((p) => p.id);
  await Promise.all(ids.map((profileId) => app.service['sync:run']({ profileId })));
  return Promise.all(ids.map((profileId) => app.sync.run(profileId, 'cli')));
}

export async function benchEstateSync(runs = 3): Promise<RatioBenchResult> {
  const sims: HostedSimulator[] = [];
  const { dir, cleanup } = tempDir('seatwise-estate-bench-');
  let app: SeatwiseApp | undefined;
  try {
    const specs = ESTATE.flatMap((kind) => Array.from({ length: kind.profiles }, (_, i) => ({ kind, i })));
    // One simulator per vendor account, started side by side (outside any timing).
    const hosted = await Promise.all(specs.map(({ kind }) => hostSimulator({ vendor: kind.vendor, seats: SEATS, latencyMs: kind.latencyMs })));
    sims.push(...hosted);
    app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: new MemorySecretStore(), control: false });
    const ids: string[] = [];
    for (const [n, { kind, i }] of specs.entries()) ids.push(await addProfile(app, `${kind.vendor} ${i + 1}`, kind.vendor, hosted[n]!));
    // Warm-up: each publish started the profile's first sync.
    const first = await Promise.all(ids.map((profileId) => app!.sync.run(profileId, 'publish')));
    const failedFirst = first.filter((j) => j.state !== 'succeeded');
    if (failedFirst.length) throw new Error(`${failedFirst.length} first syncs failed: ${failedFirst[0]!.profileName}: ${failedFirst[0]!.error}`);

    const times: number[] = [];
    const busy: number[] = [];
    let seats = 0;
    let requests = 0;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const elu = performance.eventLoopUtilization();
      const jobs = await syncAll(app);
      times.push(performance.now() - t0);
      busy.push(performance.eventLoopUtilization(elu).utilization);
      const failed = jobs.filter((j) => j.state !== 'succeeded');
      if (failed.length) throw new Error(`${failed.length} syncs failed: ${failed[0]!.profileName}: ${failed[0]!.error}`);
      seats = jobs.reduce((n, j) => n + j.counts.subscriptions, 0);
      requests = jobs.reduce((n, j) => n + j.counts.requests, 0);
    }
    const ms = median(times);
    const floor = Math.max(...ESTATE.map(floorOf));
    const longest = ESTATE.find((k) => floorOf(k) === floor)!;
    const parallel = app.sync.parallel;
    return {
      name: `estate sync --all, ${ids.length} profiles x ${SEATS.toLocaleString('en-US')} seats (4 vendors, ${ESTATE.find((k) => k.vendor === 'salesforce')!.profiles} Salesforce orgs)`,
      medianMs: Math.round(ms),
      runs,
      target: Math.round(floor * 1.3),
      floor,
      ratio: Math.round((ms / floor) * 100) / 100,
      ratioTarget: { kind: 'max', value: 1.3 },
      detail: `floor = the longest single profile's (${longest.vendor}: ${1 + Math.ceil(SEATS / longest.pageSize)} requests in a row x ${longest.latencyMs} ms); ${seats.toLocaleString('en-US')} seats, ${requests.toLocaleString('en-US')} requests per run; maxParallelSyncs ${parallel} (default on ${os.availableParallelism()} cores); latency ${LATENCY_MS} ms a 100-record page, Salesforce ${SALESFORCE_LATENCY_MS} ms a ${QUERY_BATCH_SIZE}-record batch; simulators ${hosted[0]!.where === 'worker' ? 'in worker threads' : 'on the same thread'}; the app's main thread busy ${Math.round(median(busy) * 100)}% of the run; runs ${times.map((t) => Math.round(t)).join(', ')} ms`,
    };
  } finally {
    await app?.close();
    await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
    cleanup();
  }
}

export const benchmarks = [benchEstateSync];

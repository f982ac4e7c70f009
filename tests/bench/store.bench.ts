/**
 * Benchmark (not a test): reopening a data folder that holds a snapshot of 200,000
 * subscriptions: Store.open, then the profile's snapshot read (what the app does to show a
 * profile after a restart). Called by `npm run bench`.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../main/store/store.js';
import { benchSubscriptions } from './candidates.bench.js';
import type { RatioBenchResult } from './sync.bench.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Writes the snapshot from a store that is then dropped, so its records are not kept alive. */
async function writeSnapshot(dataDir: string, profileId: string, count: number): Promise<void> {
  const writer = await Store.open({ dataDir, noLock: true });
  await writer.commitSnapshot({
    profileId,
    jobId: 'job-bench',
    committedAt: new Date().toISOString(),
    orgs: [{ aliasId: 'org-1', label: 'Org 1' }, { aliasId: 'org-2', label: 'Org 2' }],
    subscriptions: benchSubscriptions(count, Date.now(), profileId),
  });
  writer.close();
}

export async function benchStoreReopen(count = 200_000, runs = 5): Promise<RatioBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'seatwise-bench-store-'));
  const profileId = 'p-bench';
  try {
    await writeSnapshot(dataDir, profileId, count);
    const { size } = await stat(join(dataDir, 'profiles', profileId, 'snapshot.json'));
    const times: number[] = [];
    // The app reopens in a fresh process: collect the previous run's records first (with
    // --expose-gc, as scripts/bench.mjs runs), so a run does not pay for the one before it.
    const collect = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i <= runs; i++) {
      collect?.();
      const t0 = performance.now();
      const store = await Store.open({ dataDir, noLock: true });
      const snapshot = await store.snapshot(profileId);
      const ms = performance.now() - t0;
      store.close();
      if (snapshot?.subscriptions.length !== count) throw new Error(`reopen read ${snapshot?.subscriptions.length} subscriptions, not ${count}`);
      if (i > 0) times.push(ms); // the first is a warm up
    }
    return {
      name: `store reopen with ${count.toLocaleString('en-US')} subscriptions`,
      medianMs: Math.round(median(times)),
      runs,
      target: 300,
      detail: `snapshot.json ${(size / 1e6).toFixed(1)} MB`,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const benchmarks = [benchStoreReopen];

/**
 * Benchmark (not a test): the team server's PostgreSQL store beside the data folder, on what a
 * person waits for: the candidates of a 1,000,000-subscription profile (read the snapshot,
 * compute, save the candidates) and the 100,000-row candidates query after a restart (open the
 * store, read the profile's candidates). PostgreSQL runs as a private cluster on a Unix socket
 * (tests/helpers/postgres.ts); the ratio is PostgreSQL / data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCandidates } from '../../main/reclamation/candidates.js';
import type { DataStore } from '../../main/store/data-store.js';
import { PostgresStore } from '../../main/store/postgres/postgres-store.js';
import { Store } from '../../main/store/store.js';
import { postgresUnavailable, startCluster } from '../helpers/postgres.js';
import { benchInput } from './candidates.bench.js';
import type { RatioBenchResult } from './sync.bench.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

async function timeRuns(runs: number, once: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    collect();
    const t0 = performance.now();
    await once();
    if (i > 0) times.push(performance.now() - t0); // the first is a warm up
  }
  return median(times);
}

export async function benchTeamStore(count = 1_000_000, runs = 3): Promise<RatioBenchResult[]> {
  const unavailable = postgresUnavailable();
  if (unavailable) throw new Error(`PostgreSQL store benchmark skipped: ${unavailable}`);
  const cluster = startCluster();
  const dataDir = await mkdtemp(join(tmpdir(), 'seatwise-bench-team-'));
  try {
    const input = benchInput(count);
    const profileId = 'p-bench';
    const snapshot = { profileId, jobId: 'job-bench', committedAt: new Date(input.now).toISOString(), orgs: [{ aliasId: 'org-1', label: 'Org 1' }], subscriptions: [...input.subscriptions] };
    const candidates = { profileId, computedAt: new Date(input.now).toISOString(), candidates: computeCandidates(input).slice(0, 100_000) };
    const url = await cluster.createDatabase('bench');
    const backends: Record<'file' | 'postgres', () => Promise<DataStore>> = {
      file: () => Store.open({ dataDir: join(dataDir, 'folder'), noLock: true }),
      postgres: () => PostgresStore.open({ url, workDir: join(dataDir, 'work') }),
    };
    const results: Record<string, { compute: number; query: number }> = {};
    for (const [name, open] of Object.entries(backends)) {
      const writer = await open();
      await writer.commitSnapshot(snapshot);
      await writer.saveCandidates(candidates);
      await writer.close();
      const compute = await timeRuns(runs, async () => {
        const store = await open();
        const read = await store.snapshot(profileId);
        const computed = computeCandidates({ ...input, subscriptions: read!.subscriptions });
        await store.saveCandidates({ profileId: 'p-compute', computedAt: new Date(input.now).toISOString(), candidates: computed });
        await store.close();
      });
      const query = await timeRuns(runs, async () => {
        const store = await open();
        const file = await store.candidates(profileId);
        if (file?.candidates.length !== candidates.candidates.length) throw new Error(`read ${file?.candidates.length} candidates`);
        await store.close();
      });
      results[name] = { compute, query };
    }
    const { file, postgres } = results as Record<'file' | 'postgres', { compute: number; query: number }>;
    return [
      {
        name: `team store: candidates for ${count.toLocaleString('en-US')} subscriptions on PostgreSQL`,
        medianMs: Math.round(postgres.compute),
        runs,
        target: Number.POSITIVE_INFINITY,
        floor: Math.round(file.compute),
        ratio: Math.round((postgres.compute / file.compute) * 100) / 100,
        detail: `read snapshot + compute + save; "floor" = the data folder, ${Math.round(file.compute)} ms`,
      },
      {
        name: `team store: ${candidates.candidates.length.toLocaleString('en-US')}-row candidates query on PostgreSQL`,
        medianMs: Math.round(postgres.query),
        runs,
        target: Number.POSITIVE_INFINITY,
        floor: Math.round(file.query),
        ratio: Math.round((postgres.query / file.query) * 100) / 100,
        detail: `open + read candidates; "floor" = the data folder, ${Math.round(file.query)} ms`,
      },
    ];
  } finally {
    cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const benchmarks = [benchTeamStore];

/**
 * settings:get / settings:update against the real services (createApp on a temporary data
 * folder): changes persist in seatwise.json and a restarted app starts with them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { methods } from '../../../preload/contract.js';
import { defaultMaxParallelSyncs } from '../../../main/settings/parallel.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Settings never touch secrets; this vault only keeps createApp away from the keychain. */
const vault: SecretStore = {
  get: async () => null,
  set: async () => undefined,
  delete: async () => false,
  list: async () => [],
};

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(dataDir: string): Promise<SeatwiseApp> {
  const app = await createApp({ dataDir, transport: 'cli', vault });
  return app;
}

describe('settings', () => {
  it('starts with the defaults, updates only the fields given, and persists across a restart', async () => {
    const { dir, cleanup } = tempDir('seatwise-settings-');
    cleanups.push(cleanup);
    let app = await open(dir);
    const initial = defaultMaxParallelSyncs();
    expect(await app.service['settings:get']({})).toEqual({ keepRunningInTray: true, maxParallelSyncs: initial });

    expect(await app.service['settings:update']({ keepRunningInTray: false })).toEqual({ keepRunningInTray: false, maxParallelSyncs: initial });
    expect(await app.service['settings:update']({ maxParallelSyncs: 5 })).toEqual({ keepRunningInTray: false, maxParallelSyncs: 5 });
    // At once, for every run: the schedule's queue and the sync service's bound alike.
    expect(app.scheduler.queue.maxParallel).toBe(5);
    expect(app.sync.parallel).toBe(5);
    const onDisk = JSON.parse(readFileSync(path.join(app.dataDir, 'seatwise.json'), 'utf8')) as { settings: unknown };
    expect(onDisk.settings).toEqual({ keepRunningInTray: false, maxParallelSyncs: 5 });
    await app.close();

    app = await open(dir);
    cleanups.push(() => app.close());
    expect(await app.service['settings:get']({})).toEqual({ keepRunningInTray: false, maxParallelSyncs: 5 });
    // The run queue is sized from the saved setting when the app starts.
    expect(app.scheduler.queue.maxParallel).toBe(5);
    expect(app.sync.parallel).toBe(5);
  });

  it('defaults from the cores: runs are network-bound, so well above the core count, within the contract', () => {
    expect(defaultMaxParallelSyncs(1)).toBe(32);
    expect(defaultMaxParallelSyncs(2)).toBe(64);
    expect(defaultMaxParallelSyncs(16)).toBe(64);
    expect(defaultMaxParallelSyncs(0)).toBe(32);
  });

  it('the contract accepts 1..64 parallel syncs and no unknown fields', () => {
    const input = methods['settings:update'].input;
    expect(input.safeParse({}).success).toBe(true);
    expect(input.safeParse({ maxParallelSyncs: 1 }).success).toBe(true);
    expect(input.safeParse({ maxParallelSyncs: 64, keepRunningInTray: true }).success).toBe(true);
    expect(input.safeParse({ maxParallelSyncs: 0 }).success).toBe(false);
    expect(input.safeParse({ maxParallelSyncs: 65 }).success).toBe(false);
    expect(input.safeParse({ maxParallelSyncs: 2.5 }).success).toBe(false);
    expect(input.safeParse({ keepRunningInTray: 'yes' }).success).toBe(false);
    expect(input.safeParse({ theme: 'dark' }).success).toBe(false);
    expect(methods['settings:get'].input.safeParse({}).success).toBe(true);
  });
});

/**
 * What the running app holds is what is on disk: a change becomes the store's only once its
 * file is written, and a write that fails leaves both as they were, with no temp file behind.
 * The failure here is a real one any user can meet: the temp file's name is taken by a folder,
 * which the writer refuses to remove (the full-disk case, on a real tmpfs, is in
 * tests/integration/store/disk-full.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, JOBS_FILE, ROOT_FILE } from '../../../main/store/store.js';
import { StoreWriteError } from '../../../main/store/errors.js';
import { decodeSnapshot } from '../../../main/store/snapshot-codec.js';
import { emptyRoot } from '../../../main/store/schema.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { PROFILE_ID, fixtureJob, fixtureSnapshot } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Blocks writes of `file`: its temp file's name is a folder (with something in it). */
function blockWrites(file: string): () => void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  fs.mkdirSync(path.join(temp, 'inside'), { recursive: true });
  return () => fs.rmSync(temp, { recursive: true, force: true });
}

function tempFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp') && !fs.statSync(path.join(dir, name)).isDirectory());
}

describe('memory and disk in step', () => {
  it('Store.update: a failed write changes neither the file nor the store', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    await store.update((root) => void (root.settings.maxParallelSyncs = 3));
    const file = path.join(dir, ROOT_FILE);
    const before = fs.readFileSync(file, 'utf8');
    const unblock = blockWrites(file);
    const error = await store.update((root) => void (root.settings.maxParallelSyncs = 7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as Error).message).toContain(`could not save ${file}`);
    expect((error as Error).message).toContain('The previous version of the file was kept');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(store.root).toEqual(readJson(file));
    expect(store.root.settings.maxParallelSyncs).toBe(3);
    unblock();
    await store.update((root) => void (root.settings.maxParallelSyncs = 4));
    expect(store.root).toEqual(readJson(file));
    expect(tempFiles(dir)).toEqual([]);
    store.close();
  });

  it('Store.update: a change that throws is not applied; changes made at once all land, in order', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    await expect(
      store.update((root) => {
        root.settings.maxParallelSyncs = 9;
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    expect(store.root.settings.maxParallelSyncs).toBe(emptyRoot().settings.maxParallelSyncs);
    await Promise.all([
      store.update((root) => void root.exclusions.push({ id: 'exc_a', kind: 'user', pattern: 'a@x', reason: 'a', createdAt: '2026-03-02T09:00:00.000Z' })),
      store.update((root) => void root.exclusions.push({ id: 'exc_b', kind: 'user', pattern: 'b@x', reason: 'b', createdAt: '2026-03-02T09:00:00.000Z' })),
      store.update((root) => void (root.settings.keepRunningInTray = false)),
    ]);
    expect(store.root.exclusions.map((e) => e.id)).toEqual(['exc_a', 'exc_b']);
    expect(store.root).toEqual(readJson(path.join(dir, ROOT_FILE)));
    store.close();
  });

  it('saveJob: a failed write leaves the job list as the file has it; the caller\'s job is copied, not shared', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    const job = fixtureJob('job_1', 'running', '2026-03-02T09:00:00.000Z', [{ phase: 'download', startedAt: '2026-03-02T09:00:00.000Z', state: 'running' }]);
    await store.saveJob(job);
    // The pipeline goes on changing its job between saves: the store keeps what was saved.
    job.counts.seats = 5;
    expect((await store.jobs())[0]?.counts.seats).toBe(0);
    const file = path.join(dir, JOBS_FILE);
    const unblock = blockWrites(file);
    await expect(store.saveJob({ ...job, state: 'succeeded' })).rejects.toBeInstanceOf(StoreWriteError);
    expect(await store.jobs()).toEqual(readJson(file));
    expect((await store.jobs())[0]?.state).toBe('running');
    unblock();
    await store.saveJob({ ...job, state: 'succeeded', finishedAt: '2026-03-02T09:01:00.000Z' });
    expect(await store.jobs()).toEqual(readJson(file));
    expect(tempFiles(dir)).toEqual([]);
    store.close();
  });

  it('saveJob: a record that could not be saved is written with the next jobs.json that can be', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    const job = fixtureJob('job_1', 'running', '2026-03-02T09:00:00.000Z');
    await store.saveJob(job);
    const file = path.join(dir, JOBS_FILE);
    const unblock = blockWrites(file);
    await expect(store.saveJob({ ...job, state: 'failed', finishedAt: '2026-03-02T09:01:00.000Z', error: 'disk full' })).rejects.toBeInstanceOf(StoreWriteError);
    unblock();
    await store.saveJob(fixtureJob('job_2', 'running', '2026-03-02T10:00:00.000Z'));
    expect((await store.jobs()).map((j) => [j.id, j.state])).toEqual([
      ['job_2', 'running'],
      ['job_1', 'failed'],
    ]);
    expect(await store.jobs()).toEqual(readJson(file));
    store.close();
  });

  it('commitSnapshot: after a failed write the store reads the file again, not the records edited in place', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    await store.commitSnapshot(fixtureSnapshot(50));
    const file = path.join(dir, 'profiles', PROFILE_ID, 'snapshot.json');
    const before = fs.readFileSync(file, 'utf8');
    // As reclaim does: change the cached records, then commit.
    const cached = (await store.snapshot(PROFILE_ID))!;
    cached.subscriptions[3]!.active = false;
    const unblock = blockWrites(file);
    await expect(store.commitSnapshot(cached)).rejects.toBeInstanceOf(StoreWriteError);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const seen = await store.snapshot(PROFILE_ID);
    expect(seen).toEqual(decodeSnapshot(JSON.parse(before) as Record<string, unknown>));
    expect(seen?.subscriptions[3]?.active).toBe(true);
    unblock();
    expect(tempFiles(dir)).toEqual([]);
    store.close();
  });

  it('saveCandidates: the same for the candidates file', async () => {
    const dir = folder();
    const store = await Store.open({ dataDir: dir });
    const file = { profileId: PROFILE_ID, computedAt: '2026-03-02T09:00:00.000Z', candidates: [] };
    await store.saveCandidates(file);
    const unblock = blockWrites(path.join(dir, 'profiles', PROFILE_ID, 'candidates.json'));
    await expect(store.saveCandidates({ ...file, computedAt: '2026-03-03T09:00:00.000Z' })).rejects.toBeInstanceOf(StoreWriteError);
    expect((await store.candidates(PROFILE_ID))?.computedAt).toBe('2026-03-02T09:00:00.000Z');
    unblock();
    store.close();
  });
});

/**
 * A full disk loses nothing and says so. The data folder lives on a real tmpfs of 4 MB; once
 * a sync is under way (its first progress event), a filler file takes every byte left. The
 * sync fails with the file it could not save and the space that needs, no temp file is left,
 * the files from before are intact, and what the running app holds equals what is on disk.
 * With room again the next sync succeeds and the failed job is recorded as failed.
 *
 * Mounting a tmpfs needs Linux and root (CAP_SYS_ADMIN); elsewhere the test is skipped and
 * says why on standard error.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { Store } from '../../../main/store/store.js';
import { MemorySecretStore } from '../../helpers/memory-secret-store.js';

const TOKEN = 'disk-full-test-token-0123456789abc';
const NOW = new Date('2026-03-02T09:00:00.000Z');

let mountPoint = '';
let skipReason = '';

function mountTmpfs(): void {
  if (process.platform !== 'linux') {
    skipReason = `tmpfs needs Linux (this is ${process.platform})`;
    return;
  }
  mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-full-disk-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mount.status !== 0) {
    skipReason = `could not mount a tmpfs (${(mount.stderr || mount.error?.message || `exit ${mount.status}`).trim()}); it needs root`;
    fs.rmSync(mountPoint, { recursive: true, force: true });
    mountPoint = '';
  }
}

beforeAll(() => {
  mountTmpfs();
  if (skipReason) process.stderr.write(`SKIPPED full-disk test: ${skipReason}\n`);
});
afterAll(() => {
  if (!mountPoint) return;
  // Lazily: the app's log file may still be open in this process.
  spawnSync('umount', ['-l', mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Writes until the filesystem refuses: afterwards not one byte is free. */
function fillDisk(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let size = chunk.length; size >= 1; ) {
      try {
        fs.writeSync(fd, chunk, 0, size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        size = Math.floor(size / 2);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** What a fresh process reads from the folder: root, jobs, snapshot and candidates. */
async function onDisk(dataDir: string, profileId: string): Promise<unknown> {
  const reader = await Store.open({ dataDir, noLock: true });
  try {
    return { root: reader.root, jobs: await reader.jobs(), snapshot: await reader.snapshot(profileId), candidates: await reader.candidates(profileId) };
  } finally {
    reader.close();
  }
}

async function inMemory(app: SeatwiseApp, profileId: string): Promise<unknown> {
  return { root: app.store.root, jobs: await app.store.jobs(), snapshot: await app.store.snapshot(profileId), candidates: await app.store.candidates(profileId) };
}

describe('a disk that fills mid-sync', () => {
  let sim: AsanaSimulatorHandle;
  let app: SeatwiseApp | undefined;

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('fails the sync with the file and the space it needs, and loses nothing', { timeout: 120_000 }, async (ctx) => {
    if (skipReason) ctx.skip();
    const dataDir = path.join(mountPoint, 'data');
    const filler = path.join(mountPoint, 'filler');
    // Enough seats for a snapshot of some size; the first sync fits in 4 MB with room to spare.
    sim = await startAsanaSimulator({ token: TOKEN, seed: 17, users: 400, knobs: { rateLimit: undefined } });
    app = await createApp({ dataDir, transport: 'cli', vault: new MemorySecretStore(), now: () => NOW });
    const created = await app.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
    await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
    await app.profiles.publish(created.id);
    const first = await app.sync.run(created.id, 'manual');
    expect(first.state).toBe('succeeded');

    const files = ['seatwise.json', path.join('profiles', created.id, 'snapshot.json'), path.join('profiles', created.id, 'candidates.json')];
    const before = new Map(files.map((f) => [f, fs.readFileSync(path.join(dataDir, f))]));
    const snapshotFile = path.join(dataDir, 'profiles', created.id, 'snapshot.json');
    const snapshotBytes = before.get(files[1]!)!.length;

    // Filled during the download, once the sync's own write of the connection (who it is
    // signed in as, written in the background at its start) is done: the root is replaced
    // when that write has landed. A page takes 30 ms, so there are pages left to see it.
    sim.knobs.latencyMs = 30;
    const rootAtStart = app.store.root;
    let filled = false;
    const off = app.events.on((name) => {
      if (name === 'sync:progress' && !filled && app?.store.root !== rootAtStart) {
        filled = true;
        fillDisk(filler);
      }
    });
    const error: Error & { code?: string } = await app.sync.run(created.id, 'manual').then(
      (job) => new Error(`the sync ended ${job.state}: ${job.error}`),
      (e: unknown) => e as Error & { code?: string },
    );
    off();
    sim.knobs.latencyMs = 0;
    expect(filled).toBe(true);
    // The snapshot was the write that found the disk full: named, with the bytes it needed
    // (this sync's snapshot has the same seats as the one on disk, so about its size).
    const needs = new RegExp(`Seatwise could not save ${snapshotFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the disk is full\\. Writing it needs [\\d.]+ KB \\(([\\d,]+) bytes\\) free; 0 bytes are free there`);
    expect(error.message).toMatch(needs);
    const needed = Number(needs.exec(error.message)![1]!.replace(/,/g, ''));
    expect(needed).toBeGreaterThan(snapshotBytes * 0.9);
    expect(error.message).toContain('The previous version of the file was kept as it was');
    expect(error.code).toBe('disk_full');

    // No temp file anywhere; the files from before are byte for byte as they were.
    expect(walk(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const [file, bytes] of before) expect(fs.readFileSync(path.join(dataDir, file)).equals(bytes), file).toBe(true);
    // The app believes exactly what is on disk: not the snapshot it could not write, nor a
    // job state it could not record.
    expect(await inMemory(app, created.id)).toEqual(await onDisk(dataDir, created.id));

    // With room again, the next sync goes through, and the failed one is on record as failed.
    fs.rmSync(filler);
    const next = await app.sync.run(created.id, 'manual');
    expect(next.state).toBe('succeeded');
    const jobs = await app.store.jobs();
    const failed = jobs.find((j) => j.state === 'failed');
    expect(failed?.error).toMatch(/could not save .*snapshot\.json: the disk is full/);
    expect(jobs.filter((j) => j.state === 'running')).toEqual([]);
    expect(await inMemory(app, created.id)).toEqual(await onDisk(dataDir, created.id));
  });
});

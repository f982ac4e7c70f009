/**
 * A job left running by a process that died never finishes: the process that next holds the
 * data folder closes it as interrupted, at the last moment the dead process recorded, with the
 * phase it reached. (The same with real SIGKILLs: tests/integration/store/interrupted-sync.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, JOBS_FILE } from '../../../main/store/store.js';
import { pruneJobs } from '../../../main/scheduler/retention.js';
import { createLogger, logPath } from '../../../main/log/logger.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { PROFILE_ID, fixtureJob } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function folderWithJobs(): { dir: string; file: string } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, JOBS_FILE);
  const jobs = [
    fixtureJob('job_3', 'running', '2026-03-03T06:00:00.000Z', [
      { phase: 'download', startedAt: '2026-03-03T06:00:00.000Z', finishedAt: '2026-03-03T06:00:40.000Z', state: 'succeeded' },
      { phase: 'activity', startedAt: '2026-03-03T06:00:41.000Z', state: 'running' },
    ]),
    fixtureJob('job_2', 'running', '2026-03-02T06:00:00.000Z', [{ phase: 'download', startedAt: '2026-03-02T06:00:01.000Z', state: 'running' }]),
    fixtureJob('job_1', 'succeeded', '2026-03-01T06:00:00.000Z'),
  ];
  fs.writeFileSync(file, JSON.stringify(jobs));
  return { dir: t.dir, file };
}

describe('jobs left running by a dead process', () => {
  it('are closed as interrupted at open, with the phase reached and the last time recorded', async () => {
    const { dir, file } = folderWithJobs();
    const store = await Store.open({ dataDir: dir });
    const jobs = await store.jobs();
    expect(jobs.map((j) => [j.id, j.state])).toEqual([
      ['job_3', 'interrupted'],
      ['job_2', 'interrupted'],
      ['job_1', 'succeeded'],
    ]);
    const [third, second] = jobs;
    expect(third?.finishedAt).toBe('2026-03-03T06:00:41.000Z');
    expect(third?.phases.map((p) => [p.phase, p.state, p.finishedAt])).toEqual([
      ['download', 'succeeded', '2026-03-03T06:00:40.000Z'],
      ['activity', 'failed', '2026-03-03T06:00:41.000Z'],
    ]);
    expect(third?.error).toMatch(/^Interrupted during the activity phase: Seatwise stopped/);
    expect(second?.finishedAt).toBe('2026-03-02T06:00:01.000Z');
    expect(second?.error).toMatch(/^Interrupted during the download phase/);
    // On disk too, and the app's view is the file's.
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(jobs);
    expect(store.lastRunInterrupted(PROFILE_ID)).toBe(true);
    store.close();

    createLogger(dir);
    const log = fs.readFileSync(logPath(dir), 'utf8');
    expect(log.match(/marked interrupted/g)).toHaveLength(2);
  });

  it('are no longer active, so retention may prune them', async () => {
    const { dir } = folderWithJobs();
    const store = await Store.open({ dataDir: dir });
    const kept = pruneJobs(await store.jobs(), { maxPerProfile: 1 }, new Date('2026-03-04T00:00:00Z'));
    expect(kept.map((j) => j.id)).toEqual(['job_3']);
    store.close();
  });

  it('are left alone by a read-only open, which holds no lock and so cannot know', async () => {
    const { dir, file } = folderWithJobs();
    const before = fs.readFileSync(file, 'utf8');
    const store = await Store.open({ dataDir: dir, noLock: true });
    expect((await store.jobs()).map((j) => j.state)).toEqual(['running', 'running', 'succeeded']);
    store.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('a new run for the profile makes its last run no longer interrupted', async () => {
    const { dir } = folderWithJobs();
    const store = await Store.open({ dataDir: dir });
    await store.saveJob(fixtureJob('job_4', 'running', '2026-03-04T06:00:00.000Z'));
    expect(store.lastRunInterrupted(PROFILE_ID)).toBe(false);
    store.close();
  });
});

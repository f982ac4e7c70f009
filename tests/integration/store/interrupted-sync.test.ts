/**
 * Syncs killed with SIGKILL mid-download, twice, with the built `seatwise` as child processes
 * and the Asana simulator: the next start closes both jobs as interrupted, and no job is left
 * running that no process runs, before or after a later successful sync.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import type { JobResult } from '../../../preload/contract.js';
import { addPublishedAsana, cliEntry, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'interrupted-sync-token-0123456789abc';
let sim: AsanaSimulatorHandle;
let dataDir: string;
let cleanup: () => void;

beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 5, users: 300, knobs: { rateLimit: undefined } });
  ({ dir: dataDir, cleanup } = tempDir());
  await addPublishedAsana(dataDir, 'Asana', sim.url, TOKEN);
}, 90_000);
afterAll(async () => {
  sim.knobs.latencyMs = 0;
  await runCli(['profiles', 'remove', 'Asana'], { dataDir }).catch(() => undefined);
  await sim.close();
  cleanup();
});

function jobsOnDisk(): JobResult[] {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, 'jobs.json'), 'utf8')) as JobResult[];
  } catch {
    // Absent, or caught between two writes' renames: read again on the next poll.
    return [];
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts `seatwise sync`, and kills it with SIGKILL once its job is recorded running in the download phase, paging. */
async function killMidDownload(): Promise<string> {
  const known = new Set(jobsOnDisk().map((j) => j.id));
  // The vendor takes a minute to answer: the sync is held mid-download, whatever the machine's speed.
  sim.knobs.latencyMs = 60_000;
  const served = sim.stats.requests;
  const child = spawn(process.execPath, [cliEntry, '--data-dir', dataDir, 'sync', 'Asana'], { stdio: 'ignore', env: { ...process.env, SEATWISE_SECRET: '' } });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let jobId = '';
  await waitFor(() => {
    const job = jobsOnDisk().find((j) => !known.has(j.id));
    if (job?.state === 'running' && job.phases.at(-1)?.phase === 'download') jobId = job.id;
    return jobId !== '' && sim.stats.requests > served;
  }, 'the sync to be downloading');
  child.kill('SIGKILL');
  await exited;
  sim.knobs.latencyMs = 0;
  return jobId;
}

async function jobsFromCli(): Promise<JobResult[]> {
  const result = await runCli(['jobs', '--json'], { dataDir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JobResult[];
}

describe('a sync killed mid-run', () => {
  it('twice: the next start leaves no job running, and says where each one stopped', { timeout: 180_000 }, async () => {
    const first = await killMidDownload();
    const second = await killMidDownload();
    // The second sync's start already closed the first job.
    expect(jobsOnDisk().find((j) => j.id === first)?.state).toBe('interrupted');
    expect(jobsOnDisk().find((j) => j.id === second)?.state).toBe('running');

    const jobs = await jobsFromCli();
    expect(jobs.filter((j) => j.state === 'running' || j.state === 'queued')).toEqual([]);
    for (const id of [first, second]) {
      const job = jobs.find((j) => j.id === id);
      expect(job?.state).toBe('interrupted');
      expect(job?.finishedAt).toBeTruthy();
      expect(job?.error).toMatch(/^Interrupted during the download phase/);
      expect(job?.phases.at(-1)).toMatchObject({ phase: 'download', state: 'failed' });
    }
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'seatwise.log'), 'utf8');
    expect(log.match(/marked interrupted/g)).toHaveLength(2);

    // A later sync succeeds, and the interrupted jobs stay closed.
    const sync = await runCli(['sync', 'Asana', '--json'], { dataDir });
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout).status).toBe('succeeded');
    const after = await jobsFromCli();
    expect(after.filter((j) => j.state === 'running' || j.state === 'queued')).toEqual([]);
    expect(after.filter((j) => j.state === 'interrupted').map((j) => j.id).sort()).toEqual([first, second].sort());
    expect(after[0]?.state).toBe('succeeded');
  });
});

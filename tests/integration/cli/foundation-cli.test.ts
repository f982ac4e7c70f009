/**
 * The built `seatwise` command as a child process, with a temporary data folder, the real
 * keychain (scripts/with-keyring.sh) and the Asana simulator.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPaidSeat } from '../../../connectors/asana/simulator/seed.js';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { cliEntry, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'cli-foundation-token-0123456789abc';
let sim: AsanaSimulatorHandle;
let dataDir: string;
let cleanup: () => void;

beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 9, users: 400, knobs: { rateLimit: undefined } });
  ({ dir: dataDir, cleanup } = tempDir());
});
afterAll(async () => {
  await runCli(['profiles', 'remove', 'Asana CLI', '--yes'], { dataDir }).catch(() => undefined);
  await sim.close();
  cleanup();
});

describe('seatwise CLI', () => {
  it('names an unknown flag as a usage error with exit code 2', async () => {
    const result = await runCli(['sync', '--everything'], { dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--everything');
    expect(result.stderr).toContain('Usage:');
  });

  it('refuses to take a secret from a flag and asks for SEATWISE_SECRET or --secret-stdin', async () => {
    const result = await runCli(['profiles', 'add', '--vendor', 'asana', '--name', 'X', '--auth', 'token', '--url', sim.url], { dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/SEATWISE_SECRET|--secret-stdin/);
    const list = await runCli(['profiles', 'list', '--json'], { dataDir });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('adds (secret on stdin), publishes and syncs a profile, with the JSON summary scripts read', async () => {
    const add = await runCli(['profiles', 'add', '--vendor', 'asana', '--name', 'Asana CLI', '--auth', 'token', '--url', sim.url, '--secret-stdin'], { dataDir, stdin: `${TOKEN}\n` });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const publish = await runCli(['profiles', 'publish', 'Asana CLI'], { dataDir });
    expect(publish.code).toBe(0);
    const sync = await runCli(['sync', 'Asana CLI', '--json'], { dataDir });
    expect(sync.code).toBe(0);
    const summary = JSON.parse(sync.stdout);
    expect(Object.keys(summary).sort()).toEqual(
      // profileName/state are the names every command uses; profile/status the aliases first published.
      ['jobId', 'profileId', 'profileName', 'state', 'profile', 'status', 'seats', 'freeSeats', 'deactivatedSeats', 'subscriptions', 'activityAvailable', 'candidates', 'startedAt', 'finishedAt', 'requests', 'reclaimed', 'error'].sort(),
    );
    expect(summary.status).toBe('succeeded');
    expect(summary.state).toBe('succeeded');
    expect(summary.profileName).toBe(summary.profile);
    expect(summary.seats).toBe(sim.org.members.filter(isPaidSeat).length);
    expect(summary.subscriptions).toBe(sim.org.members.length);
    expect(summary.requests).toBeGreaterThan(0);
    // The token is in the keychain only: no file in the data folder holds it.
    for (const file of walk(dataDir)) expect(fs.readFileSync(file, 'utf8')).not.toContain(TOKEN);
  });

  it('a sync killed with SIGKILL mid-download leaves a data folder that opens with its previous data', { timeout: 90_000 }, async () => {
    const before = JSON.parse((await runCli(['profiles', 'list', '--json'], { dataDir })).stdout);
    sim.knobs.latencyMs = 150;
    const served = sim.stats.requests;
    const child = spawn(process.execPath, [cliEntry, '--data-dir', dataDir, 'sync', 'Asana CLI'], { stdio: 'ignore' });
    // Killed once it is paging through memberships, with the download held in memory.
    await waitFor(() => sim.stats.requests >= served + 3);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    sim.knobs.latencyMs = 0;
    const after = await runCli(['profiles', 'list', '--json'], { dataDir });
    expect(after.code).toBe(0);
    const profile = JSON.parse(after.stdout)[0];
    expect(profile.seats).toBe(before[0].seats);
    const again = await runCli(['sync', 'Asana CLI', '--json'], { dataDir });
    expect(JSON.parse(again.stdout).status).toBe('succeeded');
  });

  it('a second process on the same data folder reads through the holder, and is told who holds it where it cannot', { timeout: 90_000 }, async () => {
    // The vendor answers the holder's first request only after half a minute: the holder still
    // holds the folder while the other processes run, however loaded the machine is. It is
    // killed long before; the answer then goes nowhere.
    sim.knobs.latencyMs = 30_000;
    const holder = spawn(process.execPath, [cliEntry, '--data-dir', dataDir, 'sync', 'Asana CLI'], { stdio: 'ignore' });
    await waitFor(() => fs.existsSync(path.join(dataDir, 'seatwise.lock')) && readLockPid() === holder.pid && fs.existsSync(path.join(dataDir, 'seatwise.sock')));
    const list = await runCli(['profiles', 'list', '--json'], { dataDir });
    const add = await runCli(['profiles', 'add', '--vendor', 'asana', '--name', 'Second', '--auth', 'token', '--url', sim.url, '--secret-stdin'], { dataDir, stdin: `${TOKEN}\n` });
    expect(holder.exitCode).toBeNull();
    const exited = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await exited;
    sim.knobs.latencyMs = 0;
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((p) => p.name)).toEqual(['Asana CLI']);
    expect(add.code).toBe(1);
    expect(add.stderr).toMatch(new RegExp(`in use by pid ${holder.pid}`));
    // The holder died with its socket left behind: the next process takes the folder over.
    const after = await runCli(['profiles', 'list', '--json'], { dataDir });
    expect(after.code, after.stderr).toBe(0);
  });
});

function readLockPid(): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, 'seatwise.lock'), 'utf8')) as { pid?: number }).pid;
  } catch {
    return undefined;
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting.');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The built `seatwise` for what a script relies on to stay in control: automatic reclaim is
 * named and off until turned on, `sync --json` lists every vendor write (none by default),
 * `sync --no-reclaim` makes none, and activity can be turned off at add and in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { addPublishedAsana, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'cli-trust-token-0123456789abcdefgh';
const NAME = 'Asana Trust CLI';
let sim: AsanaSimulatorHandle;
let dataDir: string;
let cleanup: () => void;
const json = <T>(stdout: string): T => JSON.parse(stdout) as T;
const writes = (): number => sim.stats.log.filter((e) => e.method !== 'GET').length;

interface Rule { id: string; autoReclaim: boolean }
interface Row { id: string; status: string; autoReclaimAt?: string }

beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 33, users: 120, knobs: { rateLimit: undefined } });
  ({ dir: dataDir, cleanup } = tempDir('seatwise-cli-trust-'));
  await addPublishedAsana(dataDir, NAME, sim.url, TOKEN);
}, 90_000);

afterAll(async () => {
  await sim.close();
  cleanup();
});

describe('seatwise and vendor writes', () => {
  it('rules show automatic reclaim off; approve then sync makes no vendor write and says so in --json', async () => {
    const rules = json<Rule[]>((await runCli(['rules', 'list', '--profile', NAME, '--json'], { dataDir })).stdout);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.autoReclaim === false)).toBe(true);
    const text = await runCli(['rules', 'list', '--profile', NAME], { dataDir });
    expect(text.stdout).toMatch(/auto reclaim/i);
    const bad = await runCli(['rules', 'set', rules[0]!.id, '--auto-reclaim', 'yes'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--auto-reclaim must be on or off');

    const rows = json<Row[]>((await runCli(['candidates', NAME, '--format', 'json'], { dataDir })).stdout);
    const open = rows.filter((r) => r.status === 'open').slice(0, 2);
    expect(open.length).toBe(2);
    expect((await runCli(['candidates', 'approve', ...open.map((r) => r.id)], { dataDir })).code).toBe(0);
    sim.stats.reset();
    const sync = await runCli(['sync', NAME, '--json'], { dataDir });
    expect(sync.code).toBe(0);
    expect(json<{ reclaimed: unknown[] }>(sync.stdout).reclaimed).toEqual([]);
    expect(writes()).toBe(0);
  });

  it('with --auto-reclaim on, --no-reclaim still writes nothing; a plain sync lists the calls it made', async () => {
    const rules = json<Rule[]>((await runCli(['rules', 'list', '--profile', NAME, '--json'], { dataDir })).stdout);
    for (const r of rules) expect((await runCli(['rules', 'set', r.id, '--auto-reclaim', 'on'], { dataDir })).code).toBe(0);
    const approved = json<Row[]>((await runCli(['candidates', NAME, '--format', 'json'], { dataDir })).stdout).filter((r) => r.status === 'approved');
    expect(approved.length).toBe(2);
    sim.stats.reset();
    const held = await runCli(['sync', NAME, '--no-reclaim', '--json'], { dataDir });
    expect(json<{ reclaimed: unknown[] }>(held.stdout).reclaimed).toEqual([]);
    expect(writes()).toBe(0);

    const sync = await runCli(['sync', NAME, '--json'], { dataDir });
    const reclaimed = json<{ reclaimed: { candidateId: string; email: string; call: { method: string; url: string }; status: string }[] }>(sync.stdout).reclaimed;
    expect(reclaimed.map((r) => r.candidateId).sort()).toEqual(approved.map((r) => r.id).sort());
    expect(reclaimed.every((r) => r.status === 'reclaimed' && r.call.url.includes('/removeUser'))).toBe(true);
    expect(writes()).toBe(2);
    const textSync = await runCli(['sync', NAME], { dataDir });
    expect(textSync.code).toBe(0);
    expect(textSync.stdout).not.toMatch(/automatic reclaim made/);
  });

  it('profiles set --activity off resolves the candidates and the summary says activity is not available', async () => {
    const off = await runCli(['profiles', 'set', NAME, '--activity', 'off'], { dataDir });
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('activity off');
    const sync = json<{ activityAvailable: boolean; candidates: number }>((await runCli(['sync', NAME, '--json'], { dataDir })).stdout);
    expect(sync).toMatchObject({ activityAvailable: false, candidates: 0 });
    const show = await runCli(['profiles', 'show', NAME], { dataDir });
    expect(show.stdout).toMatch(/activity\s+not available: Activity analysis is turned off/);
    const bad = await runCli(['profiles', 'set', NAME, '--activity', 'maybe'], { dataDir });
    expect(bad.code).toBe(2);
  });

  it('profiles add --no-activity publishes with zero candidates', async () => {
    const add = await runCli(['profiles', 'add', '--vendor', 'asana', '--name', 'No Activity', '--auth', 'token', '--url', sim.url, '--no-activity', '--secret-stdin'], {
      dataDir,
      stdin: `${TOKEN}\n`,
    });
    expect(add.code).toBe(0);
    const publish = json<{ activityAvailable: boolean; candidates: number }>((await runCli(['profiles', 'publish', 'No Activity', '--json'], { dataDir })).stdout);
    expect(publish).toMatchObject({ activityAvailable: false, candidates: 0 });
  });
});

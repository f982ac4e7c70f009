/**
 * The command line while the app holds the data folder: it reads, changes and syncs through
 * the running instance (the same dispatch as the window), so a cron job works while the app
 * is open. The command line itself opens neither the folder nor the keychain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { controlSocketPath } from '../../../main/rpc/control-socket.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'cli-running-app-token-0123456789abcdef';
let sim: AsanaSimulatorHandle;
let app: SeatwiseApp;
let keychain: TestKeychain;
let scratch: { dir: string; cleanup: () => void };
let dataDir: string;
let profileId: string;

beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 12, users: 90, knobs: { rateLimit: undefined } });
  scratch = tempDir('seatwise-running-');
  dataDir = path.join(scratch.dir, 'data');
  keychain = testKeychain();
  app = await createApp({ dataDir, transport: 'ipc', vault: keychain.vault });
  const created = await app.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
  profileId = created.id;
  await app.profiles.setSecret({ profileId, kind: 'token', value: TOKEN });
  await app.profiles.publish(profileId);
  await app.sync.run(profileId, 'publish');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await keychain?.cleanup();
  await sim?.close();
  scratch?.cleanup();
});

it('answers on a socket only its owner can open, and removes it when it closes', async () => {
  const socket = controlSocketPath(dataDir);
  expect(socket).toBe(path.join(dataDir, 'seatwise.sock'));
  expect(fs.statSync(socket).isSocket()).toBe(true);
  expect(fs.statSync(socket).mode & 0o077).toBe(0);
  const other = path.join(scratch.dir, 'other');
  const second = await createApp({ dataDir: other, transport: 'ipc', vault: keychain.vault });
  expect(fs.existsSync(controlSocketPath(other))).toBe(true);
  await second.close();
  expect(fs.existsSync(controlSocketPath(other))).toBe(false);
});

it('a data folder whose path is too long for a socket gets one in the temp folder', () => {
  const deep = path.join(scratch.dir, 'x'.repeat(120));
  expect(path.dirname(controlSocketPath(deep))).not.toBe(deep);
  expect(Buffer.byteLength(controlSocketPath(deep))).toBeLessThanOrEqual(100);
  expect(controlSocketPath(deep)).toBe(controlSocketPath(deep));
});

it('lists and changes through the running app', { timeout: 60_000 }, async () => {
  const list = await runCli(['profiles', 'list', '--json'], { dataDir });
  expect(list.code, list.stderr).toBe(0);
  expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'Asana', status: 'published' }]);

  const open = app.service['candidates:list']({ profileId });
  const first = (await open).find((c) => c.status === 'open')!;
  const approve = await runCli(['candidates', 'approve', first.id, '--json'], { dataDir });
  expect(approve.code, approve.stderr).toBe(0);
  // The app that holds the folder made the change: it is what its own window shows.
  expect((await app.service['candidates:list']({ profileId })).find((c) => c.id === first.id)?.status).toBe('approved');

  const typo = await runCli(['candidates', 'Asnaa', '--json'], { dataDir });
  expect(typo.code).toBe(1);
  expect(JSON.parse(typo.stderr).error.message).toContain('Did you mean "Asana"?');
});

it('a cron sync while the app is open is run by the app, and waits for it', { timeout: 60_000 }, async () => {
  const before = (await app.service['jobs:list']({ profileId })).length;
  const sync = await runCli(['sync', 'Asana', '--json'], { dataDir });
  expect(sync.code, sync.stderr).toBe(0);
  const summary = JSON.parse(sync.stdout) as { profileName: string; state: string; seats: number };
  expect(summary).toMatchObject({ profileName: 'Asana', state: 'succeeded' });
  expect(summary.seats).toBeGreaterThan(0);
  expect(sync.stderr).toMatch(/open in the Seatwise app \(pid \d+\): it runs this sync/);
  const jobs = await app.service['jobs:list']({ profileId });
  expect(jobs.length).toBe(before + 1);
  expect(jobs[0]).toMatchObject({ state: 'succeeded' });
});

it('what needs the folder itself (a new profile, with its secret) is told who holds it', async () => {
  const add = await runCli(['profiles', 'add', '--vendor', 'asana', '--name', 'Second', '--auth', 'token', '--url', sim.url, '--secret-stdin'], { dataDir, stdin: `${TOKEN}\n` });
  expect(add.code).toBe(1);
  expect(add.stderr).toContain(`in use by pid ${process.pid} (the Seatwise app)`);
  expect(app.store.root.profiles.map((p) => p.name)).toEqual(['Asana']);
});

/**
 * The Asana token kind, as an admin sets it: "service account" makes the download read paused
 * licenses from the audit log, so a paused member is not a paid seat; a personal token, or an
 * OAuth sign-in whatever the option says, counts every full member as paid. The option is one
 * choice, checked in main and on the command line with the flag named.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ASANA_LICENSE_TYPES } from '../../../connectors/asana/descriptor.js';
import { billingPausedGids, isPaidSeat } from '../../../connectors/asana/simulator/seed.js';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from '../auth/keychain.js';

const NOW = new Date('2031-03-10T09:00:00.000Z');
const TOKEN = 'asana-service-account-token';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function newApp(): Promise<SeatwiseApp> {
  const { dir, cleanup } = tempDir('seatwise-asana-kind-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW });
  cleanups.push(() => app.close());
  return app;
}

async function simulator(): Promise<AsanaSimulatorHandle> {
  const sim = await startAsanaSimulator({ token: TOKEN, seed: 11, users: 120, now: NOW, pausedFraction: 0.3 });
  cleanups.push(() => sim.close());
  return sim;
}

async function syncedWith(app: SeatwiseApp, sim: AsanaSimulatorHandle, name: string, options: Record<string, string>) {
  const created = await app.service['profiles:create']({ name, vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token', options } });
  await app.service['connection:setSecret']({ profileId: created.id, kind: 'token', value: TOKEN });
  await app.service['profiles:publish']({ profileId: created.id });
  const job = await app.sync.run(created.id, 'manual');
  expect(job.error).toBeUndefined();
  const rows = (await app.service['subscriptions:list']({ profileId: created.id })).rows;
  const summary = (await app.service['profiles:list']({})).find((p) => p.id === created.id);
  return { rows, summary: summary! };
}

describe('Asana token kind', () => {
  it('a service account token reads paused licenses: those members are free seats, the rest as before', async () => {
    const sim = await simulator();
    const app = await newApp();
    const paused = billingPausedGids(sim.org);
    const pausedFull = sim.org.members.filter((m) => isPaidSeat(m) && paused.has(m.userGid));
    expect(pausedFull.length).toBeGreaterThan(3);

    const service = await syncedWith(app, sim, 'Asana SA', { tokenKind: 'service_account' });
    const personal = await syncedWith(app, sim, 'Asana PAT', { tokenKind: 'personal' });

    const pausedRows = service.rows.filter((r) => r.licenseType === ASANA_LICENSE_TYPES.paused);
    expect(pausedRows.map((r) => r.userId).sort()).toEqual(pausedFull.map((m) => m.userGid).sort());
    expect(pausedRows.every((r) => r.seat === 'free' && !r.paid)).toBe(true);
    expect(personal.rows.some((r) => r.licenseType === ASANA_LICENSE_TYPES.paused)).toBe(false);
    // The same people, counted once each: the paused ones move from paid to free.
    expect(service.summary.seats).toBe(personal.summary.seats - pausedFull.length);
    expect(service.summary.freeSeats).toBe(personal.summary.freeSeats + pausedFull.length);
  });

  it('refuses a kind that is not offered, and ignores the option for a sign-in method it does not apply to', async () => {
    const sim = await simulator();
    const app = await newApp();
    await expect(
      app.service['profiles:create']({ name: 'Odd', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token', options: { tokenKind: 'robot' } } }),
    ).rejects.toThrow(/Choose one of: personal, service_account/);
    const oauth = await app.service['profiles:create']({
      name: 'OAuth',
      vendor: 'asana',
      connection: { baseUrl: sim.url, grantType: 'authorization_code', clientId: 'client-1', options: { tokenKind: 'robot' } },
    });
    expect(oauth.name).toBe('OAuth');
    expect((await app.service['profiles:list']({})).map((p) => p.name)).toEqual(['OAuth']);
  });

  it('the command line names the flag, and takes service-account as written', async () => {
    const { dir, cleanup } = tempDir('seatwise-asana-kind-cli-');
    cleanups.push(cleanup);
    const dataDir = path.join(dir, 'data');
    const refused = await runCli(
      ['profiles', 'add', '--vendor', 'asana', '--name', 'A', '--auth', 'token', '--url', 'http://127.0.0.1:9/api/1.0', '--token-kind', 'robot'],
      { dataDir, env: { SEATWISE_SECRET: TOKEN } },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--token-kind: Choose one of: personal, service-account\./);
    const listed = await runCli(['profiles', 'list', '--json'], { dataDir });
    expect(JSON.parse(listed.stdout)).toEqual([]);

    const sim = await simulator();
    const added = await runCli(
      ['profiles', 'add', '--vendor', 'asana', '--name', 'B', '--auth', 'token', '--url', sim.url, '--token-kind', 'service-account', '--json'],
      { dataDir, env: { SEATWISE_SECRET: TOKEN } },
    );
    expect(added.code, added.stderr).toBe(0);
    const shown = await runCli(['profiles', 'show', 'B', '--json'], { dataDir });
    expect(JSON.parse(shown.stdout).connection.options).toMatchObject({ tokenKind: 'service_account' });
  });
});

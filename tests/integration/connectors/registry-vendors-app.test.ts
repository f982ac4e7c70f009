/**
 * GitHub Copilot, Okta, Microsoft 365 and Entra ID through the app, as an admin adds them:
 * each from the registry, with its own credentials from main/auth (GitHub's token with the
 * organization, Okta's API token sent as SSWS, Microsoft's client credentials at the tenant's
 * own token endpoint), published and synced against its simulator.
 */
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startGithubSimulator } from '../../../connectors/github/simulator/index.js';
import { startGraphSimulator } from '../../../connectors/microsoft-graph/simulator/index.js';
import { GRAPH_TOKEN_URL_TEMPLATE } from '../../../connectors/microsoft-graph/defaults.js';
import { startOktaSimulator } from '../../../connectors/okta/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from '../auth/keychain.js';
import { runCli } from '../../helpers/cli.js';

const NOW = new Date('2031-02-02T10:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function newApp(): Promise<SeatwiseApp> {
  const { dir, cleanup } = tempDir('seatwise-vendors-app-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW });
  cleanups.push(() => app.close());
  return app;
}

it('lists every vendor with a connector in the vendor picker', async () => {
  const app = await newApp();
  const vendors = (await app.service['vendors:list']({})).map((v) => v.vendor);
  expect(vendors).toEqual(expect.arrayContaining(['github', 'okta', 'microsoft365', 'entra', 'zoom']));
});

it('GitHub Copilot: the organization from the profile, its seats synced', async () => {
  const sim = await startGithubSimulator({ seed: 3, members: 40, now: NOW });
  cleanups.push(() => sim.close());
  const app = await newApp();
  const created = await app.service['profiles:create']({ name: 'Copilot', vendor: 'github', connection: { baseUrl: sim.url, grantType: 'token', options: { org: sim.login } } });
  await app.service['connection:setSecret']({ profileId: created.id, kind: 'token', value: sim.token });
  await app.service['profiles:publish']({ profileId: created.id });
  const job = await app.sync.run(created.id, 'manual');
  expect(job.error).toBeUndefined();
  expect(job.state).toBe('succeeded');
  expect(job.counts.seats).toBeGreaterThan(0);
  expect(job.activityAvailable).toBe(true);

  // The organization is what the connection reads: without it, or malformed, nothing is saved.
  await expect(app.service['profiles:create']({ name: 'No org', vendor: 'github', connection: { baseUrl: sim.url, grantType: 'token' } })).rejects.toThrow(/Enter the organization/);
  await expect(app.service['profiles:create']({ name: 'Odd org', vendor: 'github', connection: { baseUrl: sim.url, grantType: 'token', options: { org: 'acme corp/x' } } })).rejects.toThrow(/letters, digits and hyphens/);
  await expect(app.service['profiles:update']({ profileId: created.id, connection: { options: { org: '' } } })).rejects.toThrow(/Enter the organization/);
  expect((await app.service['profiles:list']({})).map((p) => p.name)).toEqual(['Copilot']);
});

it('Okta: the API token goes as SSWS, and Okta users are synced', async () => {
  const sim = await startOktaSimulator({ seed: 3, users: 50, now: NOW });
  cleanups.push(() => sim.close());
  const app = await newApp();
  const created = await app.service['profiles:create']({ name: 'Okta', vendor: 'okta', connection: { baseUrl: sim.url, grantType: 'token' } });
  await app.service['connection:setSecret']({ profileId: created.id, kind: 'token', value: sim.token });
  await app.service['profiles:publish']({ profileId: created.id });
  const job = await app.sync.run(created.id, 'manual');
  expect(job.error).toBeUndefined();
  expect(job.state).toBe('succeeded');
  expect(job.counts.subscriptions).toBeGreaterThan(0);
});

it.each(['microsoft365', 'entra'] as const)('%s: client credentials at the tenant named, and a profile without a tenant refused', async (vendor) => {
  const sim = await startGraphSimulator({ seed: 3, users: 50, now: NOW });
  cleanups.push(() => sim.close());
  const app = await newApp();
  // The vendor's template with the simulator's origin in place of login.microsoftonline.com.
  const tokenUrl = sim.tokenUrlTemplate;
  expect(tokenUrl).toContain('{tenant}');
  expect(GRAPH_TOKEN_URL_TEMPLATE).toContain('{tenant}');
  const created = await app.service['profiles:create']({
    name: vendor,
    vendor,
    connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId, tokenUrl, options: { tenant: sim.tenantId } },
  });
  expect(created.connection.tokenUrl).toBe(sim.tokenUrl);
  await app.service['connection:setSecret']({ profileId: created.id, kind: 'clientSecret', value: sim.app.clientSecret });
  await app.service['profiles:publish']({ profileId: created.id });
  const job = await app.sync.run(created.id, 'manual');
  expect(job.error).toBeUndefined();
  expect(job.state).toBe('succeeded');
  expect(job.counts.subscriptions).toBeGreaterThan(0);

  // A new tenant: the token URL follows it.
  const moved = await app.service['profiles:update']({ profileId: created.id, connection: { options: { tenant: 'contoso.onmicrosoft.com' } } });
  expect(moved.connection.tokenUrl).toBe(tokenUrl.replace('{tenant}', 'contoso.onmicrosoft.com'));

  await expect(
    app.service['profiles:create']({ name: `${vendor} without tenant`, vendor, connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId } }),
  ).rejects.toThrow(/Enter the tenant/);
  await expect(
    app.service['profiles:create']({ name: `${vendor} odd tenant`, vendor, connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId, options: { tenant: 'evil.example/x?' } } }),
  ).rejects.toThrow(/A tenant is a directory ID/);
});

it('the command line names the flag of a missing option, and saves nothing', { timeout: 30_000 }, async () => {
  const { dir, cleanup } = tempDir('seatwise-vendors-cli-');
  cleanups.push(cleanup);
  const dataDir = path.join(dir, 'data');
  const github = await runCli(['profiles', 'add', '--vendor', 'github', '--name', 'Copilot', '--auth', 'token', '--secret-stdin'], { dataDir, stdin: 'ghp_0123456789abcdef0123456789abcdef0123\n' });
  expect(github.code).toBe(2);
  expect(github.stderr).toContain('--org: Enter the organization');
  const m365 = await runCli(['profiles', 'add', '--vendor', 'microsoft365', '--name', 'M365', '--auth', 'client-credentials', '--client-id', 'x', '--tenant', 'not a tenant', '--secret-stdin'], { dataDir, stdin: 'secret-0123456789\n' });
  expect(m365.code).toBe(2);
  expect(m365.stderr).toContain('--tenant: A tenant is a directory ID');
  const list = await runCli(['profiles', 'list', '--json'], { dataDir });
  expect(JSON.parse(list.stdout || '[]')).toEqual([]);
});

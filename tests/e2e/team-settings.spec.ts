/**
 * A team server in Chromium: the real `seatwise serve --database` on a private PostgreSQL
 * cluster, people signing in through a real OpenID provider. An admin signs in, opens
 * Settings, gives a colleague a role and changes it; the page says where a team server keeps
 * its data and credentials, passes axe, and is saved as a screenshot. The colleague then sees
 * the roles given, no role editor and settings they may not change, and signs out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startCompanyIdp, TEAM_CLIENT, type CompanyIdp } from '../integration/host/company-idp.js';
import { postgresUnavailable, startCluster, type TestCluster } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';

const NO_POSTGRES = postgresUnavailable();
if (NO_POSTGRES) console.log(`team-settings: skipped: ${NO_POSTGRES}`);

let cluster: TestCluster;
let idp: CompanyIdp;
let server: ChildProcess;
let origin: string;
let cleanup: () => void;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test.describe('a team server', () => {
  // The colleague's test reads the roles the admin's test gave.
  test.describe.configure({ mode: 'serial' });
  test.skip(NO_POSTGRES !== undefined, `no PostgreSQL: ${NO_POSTGRES}`);
  test.use({ viewport: { width: 1440, height: 900 } });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    cluster = startCluster();
    const databaseUrl = await cluster.createDatabase('team_settings');
    const work = tempDir('seatwise-team-e2e-');
    cleanup = work.cleanup;
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startCompanyIdp(`${origin}/auth/callback`, {
      ada: { email: 'ada@example.com', roles: ['admin'] },
      vic: { email: 'vic@example.com', roles: [] },
    });
    server = spawn(
      process.execPath,
      [path.resolve('bin', 'seatwise.js'), '--data-dir', path.join(work.dir, 'work'), 'serve', '--database', databaseUrl, '--oidc-issuer', idp.issuer, '--oidc-client-id', TEAM_CLIENT.clientId, '--public-url', origin, '--listen', '127.0.0.1', '--port', String(port)],
      { env: { ...process.env, SEATWISE_SECRET_KEYS: `k1 ${randomBytes(32).toString('base64')}`, SEATWISE_OIDC_CLIENT_SECRET: TEAM_CLIENT.clientSecret }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    server.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    server.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    await expect.poll(() => (server.exitCode !== null ? `exited: ${out}` : out.includes('is listening on')), { timeout: 30_000 }).toBe(true);
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGINT');
      await exited;
    }
    await idp?.close();
    cluster?.stop();
    cleanup?.();
  });

  async function signIn(page: Page, person: string): Promise<void> {
    idp.nextPerson = person;
    await page.goto(`${origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await expect(page.getByRole('heading', { name: 'People and roles' })).toBeVisible();
  }

  test('an admin gives a colleague roles in Settings; the page passes axe', async ({ page }) => {
    await signIn(page, 'ada');
    await expect(page.getByText('Signed in as')).toContainText('ada@example.com');
    await expect(page.getByText(/Sealed in the database \(AES-256-GCM\)/)).toBeVisible();
    await expect(page.getByText(/OS keychain/)).toHaveCount(0);

    await page.getByLabel('Email').fill('vic@example.com');
    await page.getByRole('checkbox', { name: /Approver/ }).check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await expect(page.getByText('Saved: vic@example.com is approver.')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'vic@example.com', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Change the roles of vic@example.com' }).click();
    await expect(page.getByRole('heading', { name: 'Roles of vic@example.com' })).toBeVisible();
    await expectNoAxeViolations(page, 'team settings, changing a person’s roles');
    await page.getByRole('checkbox', { name: /Integrator/ }).check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await expect(page.getByText('Saved: vic@example.com is approver, integrator.')).toBeVisible();
    await expectNoAxeViolations(page, 'team settings');
    await shot(page, 'team-settings-roles');
  });

  test('the colleague sees the roles given, and no role editor', async ({ page }) => {
    await signIn(page, 'vic');
    await expect(page.getByText('Signed in as')).toContainText('vic@example.com');
    await expect(page.getByText('Approver', { exact: true })).toBeVisible();
    await expect(page.getByText('Integrator', { exact: true })).toBeVisible();
    await expect(page.getByText(/Only an admin gives roles/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save roles' })).toHaveCount(0);
    // Not an admin: the settings are shown, not offered for change; a team server has no tray.
    await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
    await expect(page.getByText("Only an admin changes this server's settings.")).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Keep running in the tray' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'team settings, not an admin');
    await shot(page, 'team-settings-colleague');

    // Signing out ends the session on the server: the old cookie opens nothing any more. (The
    // provider still knows the browser, so the front page signs the same person in afresh.)
    const session = async () => (await page.context().cookies(origin)).find((c) => c.name === 'seatwise_session')?.value;
    const before = await session();
    expect(before).toBeTruthy();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(session).not.toBe(before);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const old = await fetch(`${origin}/rpc/profiles:list`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie: `seatwise_session=${before}` }, body: '{}' });
    expect(old.status).toBe(401);
  });
});

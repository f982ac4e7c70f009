/**
 * The guided playbook end to end, against the real `seatwise serve` and the Asana simulator:
 * walk every step, publish, see the seats; resume after a reload; a bad connection URL.
 * Saves a screenshot of each screen to docs/screenshots/ and runs axe on each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../connectors/asana/simulator/index.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';
import { rpc } from './helpers/rpc.js';

const TOKEN = 'asana-e2e-service-account-token';
const USERS = 120;

let sim: AsanaSimulatorHandle;
let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 7, users: USERS, plan: 'enterprise', knobs: { rateLimit: undefined } });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-playbook-'));
  served = await startSeatwise(['serve'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  await sim?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const stepHeading = (page: Page) => page.locator('#playbook-step-title');

async function openAsanaPlaybook(page: Page): Promise<void> {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /New integration/ }).first().click();
  await page.getByRole('list', { name: 'Applications' }).getByRole('link', { name: /Asana/ }).click();
  await expect(stepHeading(page)).toHaveText('Register the app');
}

test('walks the whole Asana playbook, resumes after reloads, publishes and shows the seats', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await shot(page, 'home-empty');
  await expectNoAxeViolations(page, 'home (first start)');

  await openAsanaPlaybook(page);
  // Step 1: checklist, permissions per process, the redirect URI with its copy button, links.
  await expect(page.getByRole('table')).toContainText('Workspace (organization) admin');
  await expect(page.getByTestId('redirect-uri')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Asana developer console/ })).toHaveAttribute('target', '_blank');
  await shot(page, 'playbook-1-register');
  await expectNoAxeViolations(page, 'playbook: register');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Step 2: details. Reload mid-step: the same step, the name kept.
  await expect(stepHeading(page)).toHaveText('Profile details');
  await page.getByLabel('Name', { exact: true }).fill('Asana – Marketing');
  await page.getByLabel('Name', { exact: true }).blur();
  await expect(page.getByLabel('Download seats')).toBeChecked();
  await expect(page.getByLabel('Download seats')).toBeDisabled();
  await expect(page.getByLabel('Reclaim seats')).toBeChecked();
  await page.reload();
  await expect(stepHeading(page)).toHaveText('Profile details');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Asana – Marketing');
  await shot(page, 'playbook-2-details');
  await expectNoAxeViolations(page, 'playbook: details');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Step 3: connection and credential, against the simulator.
  await expect(stepHeading(page)).toHaveText('Connection and credential');
  await page.getByLabel('Connection URL').fill(sim.url);
  await page.getByLabel('Connection URL').blur();
  await page.getByLabel('Access token').fill(TOKEN);
  await shot(page, 'playbook-3-connection');
  await expectNoAxeViolations(page, 'playbook: connection');
  await page.getByRole('button', { name: /^(Connect|Sign in) and continue$/ }).click();

  // Step 4: optional. The draft exists now: the address follows it, and a reload resumes here.
  await expect(stepHeading(page)).toHaveText('Additional org');
  await expect(page).toHaveURL(/#\/playbook\/[^/]+$/);
  await page.reload();
  await expect(stepHeading(page)).toHaveText('Additional org');
  await shot(page, 'playbook-4-org');
  await expectNoAxeViolations(page, 'playbook: additional org');
  await page.getByRole('link', { name: /Connection and credential/ }).or(page.getByRole('button', { name: /Connection and credential/ })).click();
  await expect(page.getByLabel('Connection URL')).toHaveValue(sim.url);
  await expect(page.getByText('Connected as')).toBeVisible();
  await page.getByRole('button', { name: /Additional org/ }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Step 5: review, validate (one result per process), publish.
  await expect(stepHeading(page)).toHaveText('Review and publish');
  await page.getByRole('button', { name: 'Validate connection' }).click();
  const results = page.getByRole('list', { name: 'Validation results' });
  await expect(results.getByRole('listitem')).toHaveCount(3);
  await expect(results.getByRole('listitem').first()).toContainText('OK');
  await shot(page, 'playbook-5-review');
  await expectNoAxeViolations(page, 'playbook: review');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();

  await expect(page).toHaveURL(/#\/profiles\/[^/]+\/subscriptions$/);
  // Every membership is a row; the paid seats are the active full members (not guests, not view-only).
  const paidSeats = sim.org.members.filter((m) => m.isActive && !m.isGuest && !m.isViewOnly).length;
  await expect(page.getByText(new RegExp(`(^|\\D)${USERS} members`)).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Paid seats', { exact: true }).locator('..').getByText(String(paidSeats), { exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await shot(page, 'record-subscriptions');
  await expectNoAxeViolations(page, 'record: subscriptions');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Asana – Marketing').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await shot(page, 'jobs');
  await expectNoAxeViolations(page, 'jobs');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('link', { name: 'Asana – Marketing' }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await shot(page, 'home');
  await expectNoAxeViolations(page, 'home');
});

test('a bad connection URL shows the error on the connection step and leaves nothing behind', async ({ page }) => {
  await openAsanaPlaybook(page);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Asana – Bad URL');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(stepHeading(page)).toHaveText('Connection and credential');
  await page.getByLabel('Connection URL').fill('http://127.0.0.1:9/api/1.0');
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: /^(Connect|Sign in) and continue$/ }).click();

  await expect(page.getByRole('alert')).toContainText('Seatwise could not connect with these settings');
  await expect(stepHeading(page)).toHaveText('Connection and credential');
  await expect(page.getByLabel('Connection URL')).toHaveAttribute('aria-invalid', 'true');
  // No half-made profile: the draft this attempt created was removed with its credential.
  const profiles = await rpc<{ name: string }[]>(served, 'profiles:list', {});
  expect(profiles.map((p) => p.name)).not.toContain('Asana – Bad URL');
  await shot(page, 'playbook-3-connection-error');
  await expectNoAxeViolations(page, 'playbook: connection error');
});

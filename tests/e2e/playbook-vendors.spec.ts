/**
 * The playbook for Calendly (personal access token) and a SCIM 2.0 app (bearer token) on their
 * simulators, through the real `seatwise serve`: walk, publish, see the seats, then Sync now
 * and watch the progress reach the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startCalendlySimulator, type CalendlySimulator } from '../../connectors/calendly/simulator/index.js';
import { startScimSimulator, type ScimSimulatorHandle } from '../../connectors/custom/simulator/index.js';
import { startSalesforceSimulator, type SalesforceSimulatorHandle } from '../../connectors/salesforce/simulator/index.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';

const SCIM_TOKEN = 'e2e-scim-bearer-token-0123456789';
let calendly: CalendlySimulator;
let scim: ScimSimulatorHandle;
let salesforce: SalesforceSimulatorHandle;
let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  calendly = await startCalendlySimulator({ seed: 8, size: 75, plan: 'enterprise', knobs: { rateLimit: undefined } });
  scim = await startScimSimulator({ token: SCIM_TOKEN, seed: 4, users: 64 });
  salesforce = await startSalesforceSimulator({ seed: 6, users: 90 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-vendors-'));
  served = await startSeatwise(['serve'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  await calendly?.close();
  await scim?.close();
  await salesforce?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const stepHeading = (page: Page) => page.locator('#playbook-step-title');

interface WalkOptions {
  card: RegExp;
  name: string;
  url: string;
  users: number;
  /** A token grant, or client credentials (Salesforce). */
  credential: { token: string } | { clientId: string; clientSecret: string };
}

async function walk(page: Page, options: WalkOptions): Promise<void> {
  await page.goto(served.url);
  await page.getByRole('link', { name: /New integration/ }).first().click();
  await page.getByRole('list', { name: 'Applications' }).getByRole('link', { name: options.card }).click();
  await expect(stepHeading(page)).toHaveText('Register the app');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill(options.name);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(stepHeading(page)).toHaveText('Connection and credential');
  await page.getByLabel('Connection URL').fill(options.url);
  if ('token' in options.credential) {
    await page.getByLabel('Sign-in method').selectOption('token');
    await page.getByLabel('Access token').fill(options.credential.token);
  } else {
    await page.getByLabel('Sign-in method').selectOption('client_credentials');
    await page.getByLabel('Client ID').fill(options.credential.clientId);
    await page.getByLabel('Client secret').fill(options.credential.clientSecret);
  }
  await page.getByRole('button', { name: /^(Connect|Sign in) and continue$/ }).click();
  await expect(stepHeading(page)).toHaveText('Additional org');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(stepHeading(page)).toHaveText('Review and publish');
  await page.getByRole('button', { name: 'Validate connection' }).click();
  await expect(page.getByRole('list', { name: 'Validation results' }).getByRole('listitem').first()).toContainText('OK');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  // Publishing validates the connection again first: give a loaded machine time.
  await expect(page).toHaveURL(/#\/profiles\/[^/]+\/subscriptions$/, { timeout: 45_000 });
  await expect(page.getByText(new RegExp(`(^|\\D)${options.users} members`)).first()).toBeVisible({ timeout: 30_000 });
}

/** Slows the simulator a little so the running state is there to see, then restores it. */
async function syncNowToTheEnd(page: Page, sim: { knobs: { latencyMs: number } }): Promise<void> {
  await expect(page.getByText('Sync finished').first()).toBeVisible({ timeout: 30_000 });
  sim.knobs.latencyMs = 600;
  await page.getByRole('button', { name: /^Sync now: / }).first().click();
  // While it runs the button says so and is disabled: a second click cannot start a second run.
  await expect(page.getByRole('button', { name: /^Syncing…: / }).first()).toBeDisabled();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  sim.knobs.latencyMs = 0;
  await expect(page.getByText('Sync finished').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^Sync now: / }).first()).toBeEnabled();
}

test('Calendly: walk the playbook with a personal access token, publish, see seats, Sync now', async ({ page }) => {
  await walk(page, { card: /Calendly/, name: 'Calendly – Sales', url: calendly.url, credential: { token: calendly.token }, users: calendly.org.members.length });
  await syncNowToTheEnd(page, calendly);
});

test('SCIM 2.0 app: walk the playbook with a bearer token, publish, see seats, Sync now', async ({ page }) => {
  await walk(page, { card: /SCIM 2\.0 app/, name: 'Figma (SCIM)', url: scim.url, credential: { token: SCIM_TOKEN }, users: 64 });
  await syncNowToTheEnd(page, scim);
});

test('Salesforce CRM: walk the playbook with client credentials on My Domain, publish, see seats, Sync now', async ({ page }) => {
  await walk(page, {
    card: /Salesforce/,
    name: 'Salesforce – Global',
    url: salesforce.instanceUrl,
    credential: { clientId: salesforce.oauth.clientId, clientSecret: salesforce.oauth.clientSecret },
    users: salesforce.org.users.length,
  });
  await syncNowToTheEnd(page, salesforce);
});

/**
 * The playbook for GitHub Copilot on its simulator, through the real `seatwise serve`: the
 * connection step asks for the organization the descriptor declares, refuses to go on without
 * it (said beside the field, nothing saved), and with it connects, publishes and shows the seats.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startGithubSimulator, type GithubSimulatorHandle } from '../../connectors/github/simulator/index.js';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';
import { rpc } from './helpers/rpc.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';

let github: GithubSimulatorHandle;
let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  github = await startGithubSimulator({ seed: 5, members: 45 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-github-'));
  served = await startSeatwise(['serve'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  await github?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('GitHub Copilot: the organization is asked for and checked, then publish shows the seats', async ({ page }) => {
  const heading = page.locator('#playbook-step-title');
  await page.goto(served.url);
  await page.getByRole('link', { name: /New integration/ }).first().click();
  await page.getByRole('list', { name: 'Applications' }).getByRole('link', { name: /GitHub Copilot/ }).click();
  await expect(heading).toHaveText('Register the app');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Copilot – Engineering');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(heading).toHaveText('Connection and credential');
  await page.getByLabel('Connection URL').fill(github.url);
  await page.getByLabel('Access token').fill(github.token);

  // Without the organization: said beside its field, and no profile is made.
  await page.getByRole('button', { name: 'Connect and continue' }).click();
  const org = page.getByLabel('Organization', { exact: true });
  await expect(org).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Enter the organization/)).toBeVisible();
  await expectNoAxeViolations(page, 'playbook: GitHub connection, organization missing');
  await shot(page, 'playbook-github-connection');
  expect(await rpc<unknown[]>(served, 'profiles:list', {})).toEqual([]);

  await org.fill(github.login);
  await page.getByRole('button', { name: 'Connect and continue' }).click();
  await expect(heading).toHaveText('Additional org');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(heading).toHaveText('Review and publish');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page).toHaveURL(/#\/profiles\/[^/]+\/subscriptions$/, { timeout: 45_000 });
  await expect(page.getByText('Sync finished').first()).toBeVisible({ timeout: 30_000 });
  const [profile] = await rpc<{ seats: number; vendor: string }[]>(served, 'profiles:list', {});
  expect(profile).toMatchObject({ vendor: 'github' });
  expect(profile!.seats).toBeGreaterThan(0);
  const figure = page.locator('.stat', { hasText: 'Paid seats' }).locator('.stat__value');
  await expect(figure).toHaveText(String(profile!.seats), { timeout: 30_000 });
});

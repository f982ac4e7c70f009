/**
 * The Rules and Entitlements tabs of a profile record, against the real demo organisation
 * (`seatwise demo`): both tabs pass axe; a lower threshold moves the candidate count; a user
 * exclusion is added and removed; an entitlement's seats owned are set.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoProfileId, startDemo, type Demo } from './helpers/demo.js';
import { expectNoAxeViolations, SHOTS } from './helpers/page-checks.js';
import type { ServedSeatwise } from './helpers/serve.js';
import { rpc } from './helpers/rpc.js';

const DEMO_PROFILE = 'Asana (demo)';

let served: ServedSeatwise;
let demo: Demo;
let profileId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startDemo('rules');
  served = demo.served;
  profileId = await demoProfileId(served, DEMO_PROFILE);
});

test.afterAll(async () => {
  await demo?.stop();
});

async function openTab(page: Page, tab: string): Promise<void> {
  await page.goto(served.url);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/(#.*)?$/);
  await page.evaluate((hash) => (window.location.hash = hash), `#/profiles/${profileId}/${tab}`);
  await expect(page.getByRole('heading', { level: 1, name: DEMO_PROFILE })).toBeVisible();
}

/** Back to the top of the record for a picture: scroll every scrolled container home. */
async function scrollHome(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const element of [document.scrollingElement, ...document.querySelectorAll('*')]) if (element && element.scrollTop > 0) element.scrollTop = 0;
  });
}

const candidateStat = (page: Page) => page.locator('.stat', { hasText: 'Reclamation candidates' }).locator('.stat__value');
const count = (text: string | null): number => Number((text ?? '').replace(/[^\d]/g, ''));

test('rules: a lower threshold finds more candidates; exclusions are added and removed', async ({ page }) => {
  await openTab(page, 'rules');
  const rules = page.getByRole('table', { name: 'Reclamation rules' });
  await expect(rules).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add an exclusion' })).toBeVisible();
  await expectNoAxeViolations(page, 'the Rules tab');

  // The paid member rule: 60 days by default; 7 days catches far more seats.
  // .first(): while the form is open, its own row mentions the rule too.
  const row = rules.getByRole('row', { name: /Paid member/ }).first();
  await expect(row).toContainText('60 days');
  const before = count(await candidateStat(page).textContent());
  await row.getByRole('button', { name: /^Edit / }).click();
  const form = page.getByRole('form', { name: /^Edit rule/ });
  const threshold = form.getByLabel('Days without activity');
  await expect(form.getByLabel('Rule name')).toBeFocused();
  await threshold.fill('0');
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(form.getByText('Choose from 1 to 3650 days.')).toBeVisible();
  await threshold.fill('7');
  await form.getByRole('button', { name: 'Save rule' }).click();
  const announcer = page.getByTestId('rules-announcer');
  await expect(announcer).toContainText(/candidates now \(was [\d,]+\)\./);
  const text = (await announcer.textContent()) ?? '';
  const match = /([\d,]+) candidates now \(was ([\d,]+)\)/.exec(text);
  expect(count(match?.[2] ?? null)).toBe(before);
  const after = count(match?.[1] ?? null);
  expect(after).toBeGreaterThan(before);
  await expect(candidateStat(page)).toHaveText(after.toLocaleString('en-US'));
  await expect(row).toContainText('7 days');

  // A user exclusion, added for this integration, then removed after confirming.
  const addForm = page.getByRole('form', { name: 'Add an exclusion' });
  await addForm.getByLabel('User', { exact: true }).fill('*@contractor.example');
  await addForm.getByLabel('Reason').fill('Contractors are billed to the agency');
  await addForm.getByRole('button', { name: 'Add exclusion' }).click();
  const exclusions = page.getByRole('table', { name: 'Exclusion rules' });
  const excluded = exclusions.getByRole('row', { name: /\*@contractor\.example/ });
  await expect(excluded).toContainText('This integration');
  await expect(page.getByTestId('exclusions-announcer')).toHaveText('Excluded *@contractor.example.');

  await page.setViewportSize({ width: 1360, height: 1180 });
  await scrollHome(page);
  await page.mouse.move(1350, 1170);
  await page.screenshot({ path: path.join(SHOTS, 'record-rules.png') });
  await page.setViewportSize({ width: 1360, height: 860 });

  await excluded.getByRole('button', { name: 'Remove the exclusion *@contractor.example' }).click();
  const confirm = page.getByRole('group', { name: 'Remove the exclusion *@contractor.example?' });
  await expect(confirm.getByRole('button', { name: 'Remove' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('exclusions-announcer')).toHaveText('Removed the exclusion *@contractor.example.');
  await expect(exclusions.getByRole('row', { name: /\*@contractor\.example/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the Rules tab after editing');
});

test('entitlements: seats used against owned, and setting the seats owned', async ({ page }) => {
  await openTab(page, 'entitlements');
  const table = page.getByRole('table', { name: 'Seats owned and costs' });
  await expect(table).toBeVisible();
  // Anchored: while a form is open, its row ("Seats and cost of …") names the type too.
  const row = table.getByRole('row', { name: /^Paid member/ });
  await expect(row).toContainText('450');
  await expectNoAxeViolations(page, 'the Entitlements tab');

  await row.getByRole('button', { name: 'Edit Paid member' }).click();
  const form = page.getByRole('form', { name: 'Seats and cost of Paid member' });
  const owned = form.getByLabel(/Seats owned/);
  await expect(owned).toBeFocused();
  await owned.fill('12.5');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Enter a whole number of seats, or leave it empty if you do not know.')).toBeVisible();
  await owned.fill('500');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('entitlements-announcer')).toContainText('Saved Paid member: 500 seats owned');
  await expect(row).toContainText('of 500');
  const saved = await rpc<Array<{ licenseType: string; owned: number | null }>>(served, 'entitlements:list', { profileId });
  expect(saved.find((e) => e.licenseType === 'Paid member')?.owned).toBe(500);
  await expectNoAxeViolations(page, 'the Entitlements tab after saving');

  // Fewer guest seats owned than used: the row and a banner say it is over-allocated.
  await table.getByRole('button', { name: 'Set Guest' }).click();
  const guest = page.getByRole('form', { name: 'Seats and cost of Guest' });
  await guest.getByLabel(/Seats owned/).fill('40');
  await guest.getByLabel('Unit cost').fill('0');
  await guest.getByRole('button', { name: 'Save' }).click();
  await expect(table.getByRole('row', { name: /^Guest/ })).toContainText(/Over by \d+/);
  await expect(page.getByText('One license type is over-allocated')).toBeVisible();
  await expectNoAxeViolations(page, 'the Entitlements tab with an over-allocation');

  // The picture: the form open on the paid seats, under the over-allocation warning.
  await row.getByRole('button', { name: 'Edit Paid member' }).click();
  await page.setViewportSize({ width: 1360, height: 1000 });
  await scrollHome(page);
  await page.mouse.move(1350, 990);
  await page.screenshot({ path: path.join(SHOTS, 'record-entitlements.png') });
});

/**
 * Every screen and dialog of the renderer through axe, with every rule (the experimental ones
 * too) and every impact, in the real browser host over the demo organisation at 1440 px: the
 * sections (the directory with its roster import dialog too), each integration's every tab,
 * the forms on them, the export, notices and reclaim
 * dialogs (dry run and outcome), Settings, and the playbook's steps with their error and
 * cancelled states against an Asana simulator. Beside it: an export of a selection is a
 * download of exactly that selection, and a connection attempt that fails leaves one audit row.
 */
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import { expect, test, type Page } from '@playwright/test';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../connectors/asana/simulator/index.js';
import { demoProfileId, startDemo, type Demo } from './helpers/demo.js';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';
import { rpc } from './helpers/rpc.js';
import type { ServedSeatwise } from './helpers/serve.js';

const TOKEN = 'a11y-e2e-asana-token-0123456789';
const TABS = ['subscriptions', 'models', 'candidates', 'rules', 'entitlements', 'jobs', 'connection'] as const;

let demo: Demo;
let served: ServedSeatwise;
let sim: AsanaSimulatorHandle;
/** Accepts connections and never answers: a server that hangs. */
let silent: net.Server;
const held = new Set<net.Socket>();
let silentUrl: string;

interface Profile {
  id: string;
  name: string;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sim = await startAsanaSimulator({ token: TOKEN, seed: 9, users: 40, plan: 'enterprise', knobs: { rateLimit: undefined } });
  silent = net.createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/api/1.0`;
  demo = await startDemo('a11y');
  served = demo.served;
  for (const name of ['Asana (demo)', 'Salesforce (demo)', 'Calendly (demo)', 'Figma via SCIM (demo)']) await demoProfileId(served, name);
});

test.afterAll(async () => {
  await demo?.stop();
  await sim?.close();
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
});

test.use({ viewport: { width: 1440, height: 900 } });

/** Nothing still loading: no skeleton, no busy region. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('.skeleton, [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => (window.location.hash = target), hash);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settled(page);
}

const profiles = () => rpc<Profile[]>(served, 'profiles:list', {});

test('every screen and dialog of the demo organisation passes axe at every impact', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await open(page, '#/');
  await expect(page.getByRole('button', { name: /^Sync now: / }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'home');

  await open(page, '#/new');
  await expectNoAxeViolations(page, 'new integration');
  await shot(page, 'new-integration');

  await open(page, '#/reconciliation');
  await expect(page.getByRole('img', { name: /Seats owned, in use and inactive/ })).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page, 'reconciliation');

  await open(page, '#/jobs');
  await expectNoAxeViolations(page, 'jobs');

  await open(page, '#/audit');
  await expect(page.getByRole('table', { name: /Audit events/ })).toBeVisible();
  await expectNoAxeViolations(page, 'audit');
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export the audit log' })).toBeVisible();
  await expectNoAxeViolations(page, 'audit export dialog');
  await page.keyboard.press('Escape');

  // The demo has no directory: its empty state, and the roster import dialog.
  await open(page, '#/directory');
  await expect(page.getByRole('heading', { name: 'No directory yet' })).toBeVisible();
  await expectNoAxeViolations(page, 'directory');
  await page.getByRole('button', { name: 'Import HR roster…' }).click();
  await expect(page.getByRole('dialog', { name: 'Import an HR roster' })).toBeVisible();
  await expectNoAxeViolations(page, 'import roster dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await open(page, '#/settings');
  await expectNoAxeViolations(page, 'settings');

  // The candidates of every integration, with their dialogs.
  await open(page, '#/candidates');
  await expect(page.getByRole('region', { name: /Candidates table/ })).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page, 'candidates');
  await shot(page, 'candidates-all');
  await page.getByRole('button', { name: 'Notices…' }).click();
  const notices = page.getByRole('dialog', { name: 'Notices to users' });
  await expect(notices.getByTestId('notices-count')).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page, 'notices dialog');
  await notices.getByRole('button', { name: 'Export…' }).click();
  await expect(notices.getByRole('form', { name: 'Export notices' })).toBeVisible();
  await expectNoAxeViolations(page, 'notices dialog, export');
  await notices.getByRole('button', { name: 'Close' }).click();
  const rows = page.locator('table.vtable tbody tr[data-index]');
  await rows.nth(0).locator('input[type="checkbox"]').click();
  await rows.nth(2).locator('input[type="checkbox"]').click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export candidates' });
  await expect(exportDialog.getByLabel('The 3 selected candidates')).toBeChecked();
  await expectNoAxeViolations(page, 'candidates export dialog');
  await shot(page, 'candidates-export');
  await page.keyboard.press('Escape');

  // Each integration's record, tab by tab.
  for (const profile of await profiles()) {
    for (const tab of TABS) {
      await open(page, `#/profiles/${profile.id}/${tab}`);
      await expect(page.getByRole('navigation', { name: 'Integration sections' }).locator('a[aria-current="page"]')).toHaveAttribute('href', new RegExp(`/${tab}$`));
      await expectNoAxeViolations(page, `${profile.name}: ${tab}`);
    }
  }
  const scim = (await profiles()).find((p) => p.name === 'Figma via SCIM (demo)')!;
  await open(page, `#/profiles/${scim.id}/subscriptions`);
  await expect(page.getByText('a token that names no user', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Unknown', { exact: true })).toBeVisible();
  await shot(page, 'record-no-activity');

  // The forms on the record: a rule, an entitlement.
  const asana = (await profiles()).find((p) => p.name === 'Asana (demo)')!;
  await open(page, `#/profiles/${asana.id}/rules`);
  await page.getByRole('table', { name: 'Reclamation rules' }).getByRole('button', { name: /^Edit / }).first().click();
  await expect(page.getByRole('form', { name: /^Edit rule/ }).getByRole('group', { name: 'Automatic reclaim' })).toBeVisible();
  await expectNoAxeViolations(page, 'rule form');
  await open(page, `#/profiles/${asana.id}/entitlements`);
  await page.getByRole('button', { name: 'Edit Paid member' }).click();
  await expect(page.getByRole('form', { name: 'Seats and cost of Paid member' })).toBeVisible();
  await expectNoAxeViolations(page, 'entitlement form');
});

test('the reclaim dialog passes axe in its dry run and its outcome', async ({ page }) => {
  const asana = (await profiles()).find((p) => p.name === 'Asana (demo)')!;
  const open_ = (await rpc<Array<{ id: string; status: string }>>(served, 'candidates:list', { profileId: asana.id })).filter((c) => c.status === 'open').slice(0, 2);
  await rpc(served, 'candidates:setStatus', { ids: open_.map((c) => c.id), status: 'approved' });
  await page.goto(served.url);
  await open(page, `#/profiles/${asana.id}/candidates`);
  await page.getByRole('button', { name: 'Reclaim approved…' }).click();
  const dialog = page.getByRole('dialog');
  const go = dialog.getByRole('button', { name: /^Reclaim \d+ seats?$/ });
  await expect(go).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page, 'reclaim dry run');
  await go.click();
  await expect(dialog.getByRole('heading', { name: 'Reclaim finished' })).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('button', { name: /^Re-add: / }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'reclaim outcome');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('on the all-integrations list, Reclaim says in words why it waits, and acts once one integration is in view', async ({ page }) => {
  const all = await rpc<Array<{ id: string; profileId: string; profileName: string; status: string }>>(served, 'candidates:list', {});
  const byProfile = new Map<string, string>();
  for (const c of all) if (c.status === 'open' && !byProfile.has(c.profileId)) byProfile.set(c.profileId, c.id);
  expect(byProfile.size).toBeGreaterThan(1);
  await rpc(served, 'candidates:setStatus', { ids: [...byProfile.values()], status: 'approved' });

  await page.goto(served.url);
  await open(page, '#/candidates');
  await expect(page.getByRole('region', { name: /Candidates table/ })).toBeVisible({ timeout: 30_000 });
  const bar = page.getByRole('group', { name: 'Selection' });
  const button = bar.getByRole('button', { name: 'Reclaim approved…' });
  await expect(button).toBeDisabled();
  await expect(bar).toContainText(/Approved seats are in \d+ integrations: to reclaim, filter to one integration/);
  await expect(button).toHaveAccessibleDescription(/to reclaim, filter to one integration/);
  const salesforce = all.find((c) => c.profileName === 'Salesforce (demo)')!.profileId;
  await page.getByLabel('Integration').selectOption(salesforce);
  await expect(button).toBeEnabled();
  await expectNoAxeViolations(page, 'candidates, filtered to one integration');
});

test('an export of a selection is a browser download of exactly the selection', async ({ page }) => {
  await page.goto(served.url);
  await open(page, '#/candidates');
  await expect(page.getByRole('region', { name: /Candidates table/ })).toBeVisible({ timeout: 30_000 });
  const rows = page.locator('table.vtable tbody tr[data-index]');
  const picked = [];
  for (const i of [1, 2, 3]) picked.push((await rows.nth(i).locator('[data-select]').getAttribute('data-select'))!);
  await rows.nth(1).locator('input[type="checkbox"]').click();
  await rows.nth(3).locator('input[type="checkbox"]').click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export candidates' });
  await expect(dialog).toContainText('The file has one row per candidate: 3 rows.');
  // No path on this machine to type: the browser saves it.
  await expect(dialog.getByLabel('Save to')).toHaveCount(0);
  await expect(dialog).toContainText('where it keeps your downloads');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^seatwise-candidates-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(await readFile((await download.path())!, 'utf8'), { columns: true }) as Array<{ id: string }>;
  expect(csv.map((row) => row.id).sort()).toEqual([...picked].sort());
  await expect(dialog).toContainText(`Downloaded 3 candidates as ${download.suggestedFilename()}`);
});

const stepHeading = (page: Page) => page.locator('#playbook-step-title');

test('the playbook: every step, a refused attempt, a hanging one cancelled, each axe-clean; one audit row per failed attempt', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(served.url);
  await page.getByRole('link', { name: /New integration/ }).first().click();
  await page.getByRole('list', { name: 'Applications' }).getByRole('link', { name: /Asana/ }).click();
  await expect(stepHeading(page)).toHaveText('Register the app');
  await expectNoAxeViolations(page, 'playbook: register');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  await expect(stepHeading(page)).toHaveText('Profile details');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'playbook: details, name missing');
  await page.getByLabel('Name', { exact: true }).fill('Asana – Accessibility');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // A refused token: the banner and the field say so.
  await expect(stepHeading(page)).toHaveText('Connection and credential');
  await expectNoAxeViolations(page, 'playbook: connection');
  await page.getByLabel('Connection URL').fill(sim.url);
  await page.getByLabel('Access token').fill('not-the-token-0123456789');
  await page.getByRole('button', { name: 'Connect and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Seatwise could not connect with these settings');
  await expectNoAxeViolations(page, 'playbook: connection refused');

  // The next attempt stops at an empty field: only its own error shows, not the old banner.
  await page.getByLabel('Connection URL').fill('');
  await page.getByRole('button', { name: 'Connect and continue' }).click();
  await expect(page.getByText('Enter the connection URL.')).toBeVisible();
  await expect(page.getByText('Seatwise could not connect with these settings')).toHaveCount(0);

  // A server that never answers: Cancel gives the form back.
  await page.getByLabel('Connection URL').fill(silentUrl);
  await page.getByRole('button', { name: 'Connect and continue' }).click();
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await expect(cancel).toBeVisible();
  // Cancelled once the attempt has made its draft and stored the token, as a person would.
  await expect
    .poll(async () => {
      const draft = (await profiles()).find((p) => p.name === 'Asana – Accessibility');
      return draft ? (await rpc<{ connection: { hasSecret: boolean } }>(served, 'profiles:get', { profileId: draft.id })).connection.hasSecret : false;
    })
    .toBe(true);
  await expect(page.getByRole('button', { name: 'Connecting…' })).toBeVisible();
  await expectNoAxeViolations(page, 'playbook: connecting');
  await cancel.click();
  await expect(page.getByRole('status').filter({ hasText: 'Connection attempt stopped' })).toBeVisible();
  await expect(page.getByLabel('Connection URL')).toBeEnabled();
  await expectNoAxeViolations(page, 'playbook: attempt stopped');
  await shot(page, 'playbook-3-connection-stopped');

  // The right settings: on through the optional step to review.
  await page.getByLabel('Connection URL').fill(sim.url);
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect and continue' }).click();
  await expect(stepHeading(page)).toHaveText('Additional org');
  await expectNoAxeViolations(page, 'playbook: additional org');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(stepHeading(page)).toHaveText('Review and publish');
  await page.getByRole('button', { name: 'Validate connection' }).click();
  await expect(page.getByRole('list', { name: 'Validation results' }).getByRole('listitem').first()).toContainText('OK');
  await expectNoAxeViolations(page, 'playbook: review');

  // Two attempts failed (refused, stopped): one row each, and no created/removed pairs.
  const events = await rpc<Array<{ action: string; target?: string; message?: string }>>(served, 'audit:list', {});
  const mine = events.filter((e) => e.target === 'Asana – Accessibility');
  expect(mine.filter((e) => e.action === 'connection.attempt_failed')).toHaveLength(2);
  expect(mine.filter((e) => e.action === 'profile.removed')).toHaveLength(0);
  expect(mine.filter((e) => e.action === 'profile.created')).toHaveLength(1);

  await page.evaluate(() => (window.location.hash = '#/audit'));
  await page.getByRole('searchbox', { name: 'Search the audit log' }).fill('Asana – Accessibility');
  await expect(page.getByRole('table', { name: /Audit events/ })).toContainText('Connection attempt failed');
  await expectNoAxeViolations(page, 'audit, failed attempts');
});

/**
 * Reconciliation and Audit against the real demo organisation (`seatwise demo`, the built
 * CLI, every vendor simulator): the chart, the over-allocation flag and the renewals on one
 * screen; the genuine audit events of the demo's first morning, filtered, expanded and
 * exported on the other. Both axe-clean; a screenshot of each to docs/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from './helpers/demo.js';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';
import type { ServedSeatwise } from './helpers/serve.js';
import { rpc } from './helpers/rpc.js';


let served: ServedSeatwise;
let demo: Demo;

interface AuditEvent {
  id: string;
  action: string;
}

test.beforeAll(async () => {
  demo = await startDemo('recon');
  served = demo.served;
  // The demo's first syncs run in the background; its history follows them.
  await expect
    .poll(async () => (await rpc<AuditEvent[]>(served, 'audit:list', {})).map((e) => e.action), { timeout: 60_000 })
    .toEqual(expect.arrayContaining(['reclaim.seat', 'rule.changed', 'exclusion.added', 'candidate.approved']));
});

test.afterAll(async () => {
  await demo?.stop();
});

test('reconciliation shows savings, the seats chart, over-allocation and renewals', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reconciliation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();

  const chart = page.getByRole('img', { name: /Seats owned, in use and inactive/ });
  await expect(chart).toBeVisible({ timeout: 30_000 });
  await expect(chart).toHaveAttribute('aria-label', /Paid member: 450 owned/);
  await expect(page.getByTestId('savings-monthly')).toContainText('$');
  await expect(page.getByTestId('savings-annual')).toContainText('/ year');

  // The demo's Calendly admins outnumber the seats owned: flagged in the banner, chart and table.
  await expect(page.locator('.banner--danger')).toContainText('more seats than you own');
  await expect(page.locator('tr[data-over]').first()).toContainText('Over by');
  await expect(page.locator('g[data-over]').first()).toBeAttached();

  const renewals = page.getByRole('list', { name: 'Renewals, soonest first' });
  await expect(renewals).toBeVisible();
  await expect(renewals.getByRole('listitem').first()).toContainText(/In \d+ days/);
  await expect(renewals).toContainText('Renew');

  // Every line links to its integration's Entitlements tab.
  const link = page.getByRole('table', { name: /Reconciliation per integration/ }).getByRole('link', { name: 'Asana (demo)' });
  await expect(link).toHaveAttribute('href', /#\/profiles\/[^/]+\/entitlements$/);

  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'reconciliation');
  await shot(page, 'reconciliation');

  // The numbers behind the chart, as a table.
  await page.getByText('The chart’s numbers as a table').click();
  await expect(page.getByRole('table', { name: /per license type/ })).toContainText('Paid member');
  await expectNoAxeViolations(page, 'reconciliation, chart table open');
});

test('audit lists the demo’s real events, filters them and exports the log', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  const table = page.getByRole('table', { name: /Audit events/ });
  await expect(table).toBeVisible();
  await expect(table).toContainText('Seat reclaimed');

  // Filter by kind, then open one event's before→after.
  await page.getByLabel('Action').selectOption('rule');
  // Two: the Salesforce rule loosened (60 to 90 days), the Microsoft 365 E5 rule set to downgrade.
  await expect(page.locator('.table-toolbar__count')).toContainText(/2 of \d+ events/);
  const opens = table.getByRole('button', { name: /Before and after: Rule changed/ });
  await expect(opens).toHaveCount(2);
  await opens.nth(0).click();
  await opens.nth(1).click();
  const diffs = page.getByRole('table', { name: 'Before and after' });
  await expect(diffs).toHaveCount(2);
  await expect(diffs.filter({ hasText: 'action' })).toContainText('downgrade');
  const diff = diffs.filter({ hasText: 'thresholdDays' });
  await expect(diff.getByRole('row', { name: /thresholdDays/ })).toContainText('60');
  await expect(diff.getByRole('row', { name: /thresholdDays/ })).toContainText('90');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'audit, detail open');

  // A text search across fields.
  await page.getByLabel('Action').selectOption('');
  await page.getByRole('searchbox', { name: 'Search the audit log' }).fill('parental leave');
  await expect(page.locator('.table-toolbar__count')).toContainText(/^1 of/);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await table.getByRole('button', { name: /Before and after: Candidate rejected/ }).click();
  await expectNoAxeViolations(page, 'audit');
  await shot(page, 'audit');

  // Export: in the browser host a download, named for today.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the audit log' });
  await expect(dialog.getByLabel('Save to')).toHaveCount(0);
  await expectNoAxeViolations(page, 'audit export dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^seatwise-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const out = (await download.path())!;
  const events = await rpc<AuditEvent[]>(served, 'audit:list', {});
  const rows = parseCsv(await readFile(out, 'utf8'), { columns: true }) as Array<{ id: string; action: string }>;
  expect(rows.map((r) => r.id)).toEqual(events.map((e) => e.id));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Export…' })).toBeFocused();
});

test('settings: where the data lives, and a setting saved through main', async ({ page }) => {
  await page.goto(served.url);
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByText(`${demo.dataDir}/logs/seatwise.log`)).toBeVisible();
  await expectNoAxeViolations(page, 'settings');
  await shot(page, 'settings');
  const parallel = page.getByLabel('Syncs at the same time');
  await parallel.fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/up to 3 syncs at once/)).toBeVisible();
  expect(await rpc<{ maxParallelSyncs: number }>(served, 'settings:get', {})).toMatchObject({ maxParallelSyncs: 3 });
});

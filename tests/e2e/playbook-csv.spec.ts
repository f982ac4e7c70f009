/**
 * The playbook of an app with no API, through the real `seatwise serve`: choose the export in
 * an <input type=file> (read in the page and sent as text), correct a detected column with its
 * select, publish, and see the seats. Every screen passes axe.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';
import { rpc } from './helpers/rpc.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';

let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-csv-'));
  served = await startSeatwise(['serve'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// "Seat kind" is no name Seatwise knows for a license type: the admin picks it in the select.
const EXPORT = ['E-mail address,Full name,Seat kind,Last login', 'ann@acme.example,Ann,Editor,2026-11-30', 'bob@acme.example,Bob,Viewer,2026-06-01', 'cat@acme.example,"=Cat",Editor,2026-05-01'].join('\r\n');

test('a CSV app: choose the export, correct a column, publish, see the seats', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('link', { name: /New integration/ }).first().click();
  await page.getByRole('list', { name: 'Applications' }).getByRole('link', { name: /CSV app/ }).click();
  await expect(page.getByRole('heading', { name: "Import the app's user export" })).toBeVisible();
  await expectNoAxeViolations(page, 'the CSV playbook');

  await page.getByLabel('Name', { exact: true }).fill('Design tool');
  await page.getByLabel('Export file (CSV)').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(EXPORT) });
  await expect(page.getByLabel('Email column')).toHaveValue('E-mail address');
  await expect(page.getByLabel('Last active column (optional)')).toHaveValue('Last login');
  await expect(page.getByText(/--license-column: no column for license type was recognised/)).toBeVisible();
  await page.getByLabel('License type column').selectOption('Seat kind');
  await expect(page.getByText('3 seat(s) will be imported.')).toBeVisible();
  await expectNoAxeViolations(page, 'the CSV playbook with its columns');
  await shot(page, 'playbook-csv-columns');

  await page.getByRole('button', { name: 'Import and publish' }).click();
  await expect(page.getByRole('heading', { name: 'Design tool' })).toBeVisible();
  await expect(page.getByText('bob@acme.example')).toBeVisible();
  await expectNoAxeViolations(page, "the CSV app's seats");
  await shot(page, 'playbook-csv-seats');

  // Reclaim: a list to copy into a ticket, and nothing reclaimed.
  const profileId = /#\/profiles\/([^/]+)/.exec(page.url())![1]!;
  type Row = { id: string; email: string; status: string };
  const candidates = () => rpc<Row[]>(served, 'candidates:list', { profileId });
  const open = (await candidates()).filter((c) => c.status === 'open');
  expect(open.map((c) => c.email).sort()).toEqual(['bob@acme.example', 'cat@acme.example']);
  await rpc(served, 'candidates:setStatus', { ids: open.map((c) => c.id), status: 'approved' });
  await page.evaluate((hash) => (window.location.hash = hash), `#/profiles/${profileId}/candidates`);
  await page.getByRole('button', { name: 'Reclaim approved…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Task list for Design tool' })).toBeVisible();
  await expect(dialog.getByText('2 tasks written: not reclaimed yet.')).toBeVisible();
  const text = dialog.getByLabel('Tasks (CSV)');
  await expect(text).toHaveValue(/^email,name,license type,what to do,candidate id\r?\n/);
  // The formula in Cat's name is neutralised in what is copied.
  await expect(text).toHaveValue(/'=Cat/);
  await expect(dialog.getByRole('button', { name: /^Reclaim/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: /Copied|copy it with Ctrl\+C/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the task list dialog', '[role="dialog"]');
  await shot(page, 'reclaim-csv-task-list');
  expect((await candidates()).filter((c) => c.status === 'reclaimed')).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Back in the list, each seat says its task is written: approved, not reclaimed.
  await expect(page.getByText(/^task written /)).toHaveCount(2);

  // The next export no longer lists Bob: imported from the record, his candidate is resolved.
  await page.evaluate((hash) => (window.location.hash = hash), `#/profiles/${profileId}/subscriptions`);
  const next = EXPORT.split('\r\n').filter((line) => !line.startsWith('bob@'));
  await page.locator('input[type=file]').setInputFiles({ name: 'users-december.csv', mimeType: 'text/csv', buffer: Buffer.from(next.join('\r\n')) });
  await expect(page.getByText('users-december.csv read: the import runs as a sync.')).toBeVisible();
  await expect(page.getByText('bob@acme.example')).toHaveCount(0);
  await expectNoAxeViolations(page, "the CSV app's record after an import");
  await shot(page, 'profile-csv-import');
  const statuses = new Map((await candidates()).map((c) => [c.email, c.status]));
  expect(statuses.get('bob@acme.example')).toBe('resolved');
  expect(statuses.get('cat@acme.example')).toBe('approved');
});

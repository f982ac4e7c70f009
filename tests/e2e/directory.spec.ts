/**
 * The directory in the real browser host over the demo organisation, which has none at first:
 * the empty screen, an HR roster imported through the dialog (a refused file first, its lines
 * named in the dialog), the people and sources it lists, then the leavers it makes on the
 * Candidates screen and the orphans on a record's seats; axe on every state, and pictures.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoProfileId, startDemo, type Demo } from './helpers/demo.js';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';
import { rpc } from './helpers/rpc.js';

interface Seat {
  email: string;
  name: string;
  licenseType: string;
  seat: 'paid' | 'free' | 'deactivated';
  active: boolean;
  admin: boolean;
  owner: boolean;
  daysInactive: number | null;
}

interface Candidate {
  email: string;
  reason: 'inactive' | 'leaver';
  orphan?: boolean;
  status: string;
}

let demo: Demo;
let asanaId: string;
let tmp: string;
/** Two Asana members in use today: the roster says one is deprovisioned and the other's last day has passed. */
let leavers: Seat[];
let goodCsv: string;
let badCsv: string;

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  demo = await startDemo('directory');
  for (const name of ['Salesforce (demo)', 'Calendly (demo)', 'Figma via SCIM (demo)']) await demoProfileId(demo.served, name);
  asanaId = await demoProfileId(demo.served, 'Asana (demo)');
  const { rows } = await rpc<{ rows: Seat[] }>(demo.served, 'subscriptions:list', { profileId: asanaId, limit: 250_000 });
  const exclusions = await rpc<Array<{ kind: string; pattern: string }>>(demo.served, 'exclusions:list', {});
  const excluded = new Set(exclusions.filter((e) => e.kind === 'user').map((e) => e.pattern.toLowerCase()));
  // Active and recently used, so only the directory can make them candidates.
  leavers = rows
    .filter((s) => s.seat === 'paid' && s.active && !s.admin && !s.owner && s.daysInactive !== null && s.daysInactive < 30 && !excluded.has(s.email.toLowerCase()))
    .slice(0, 2);
  expect(leavers).toHaveLength(2);

  // The company's staff (northwind.example) as every demo integration lists them: outside
  // accounts (partners' guests) stay orphans.
  const staff = new Map<string, Seat>();
  for (const profile of await rpc<Array<{ id: string }>>(demo.served, 'profiles:list', {})) {
    const listed = profile.id === asanaId ? rows : (await rpc<{ rows: Seat[] }>(demo.served, 'subscriptions:list', { profileId: profile.id, limit: 250_000 })).rows;
    for (const seat of listed) if (seat.email.toLowerCase().endsWith('@northwind.example') && !staff.has(seat.email.toLowerCase())) staff.set(seat.email.toLowerCase(), seat);
  }
  const [gone, ended] = leavers as [Seat, Seat];
  const lines = ['email,name,status,end_date'];
  let future = 0;
  for (const seat of staff.values()) {
    let status = 'active';
    let end = '';
    if (seat.email === gone.email) status = 'deprovisioned';
    else if (seat.email === ended.email) end = day(Date.now() - 20 * DAY);
    // Two who have handed in their notice: still active, an end date ahead.
    else if (future < 2 && seat.seat === 'paid' && !seat.admin) {
      end = day(Date.now() + (future + 1) * 30 * DAY);
      future++;
    }
    lines.push([seat.email, cell(seat.name), status, end].join(','));
  }
  goodCsv = `${lines.join('\n')}\n`;
  badCsv = `email,name,status,end_date\n${gone.email},${cell(gone.name)},deprovisioned,\nnot-an-email,Someone,active,\n${ended.email},${cell(ended.name)},gone,\n`;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-roster-'));
  await writeFile(path.join(tmp, 'northwind-hr.csv'), goodCsv);
  await writeFile(path.join(tmp, 'broken-export.csv'), badCsv);
});

test.afterAll(async () => {
  await demo?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function settled(page: Page): Promise<void> {
  await expect(page.locator('.skeleton, [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => (window.location.hash = target), hash);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settled(page);
}

test('an HR roster imported through the dialog lists its people and makes its leavers candidates', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(demo.served.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // No directory yet: what gives one, and the way to import.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Directory' })).toBeVisible();
  await settled(page);
  await expect(page.getByRole('heading', { name: 'No directory yet' })).toBeVisible();
  await expect(page.getByText(/Okta or Microsoft Entra ID integration/)).toBeVisible();
  await expectNoAxeViolations(page, 'directory, empty');
  await shot(page, 'directory-empty');

  // A broken export: refused as a whole, its lines named in the dialog, nothing imported.
  await page.getByRole('button', { name: 'Import HR roster…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an HR roster' });
  await expect(dialog.getByLabel('Name')).toHaveValue('HR roster');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await expect(dialog).toContainText('end_date');
  await expectNoAxeViolations(page, 'import roster dialog');
  await dialog.getByLabel('CSV file').setInputFiles(path.join(tmp, 'broken-export.csv'));
  await dialog.getByRole('button', { name: 'Import' }).click();
  const refusal = dialog.getByRole('alert');
  await expect(refusal).toContainText('broken-export.csv was not loaded, nothing changed');
  await expect(refusal).toContainText('line 3');
  await expect(refusal).toContainText('line 4');
  await expectNoAxeViolations(page, 'import roster dialog, refused');
  await shot(page, 'directory-import-refused');
  expect((await rpc<{ sources: unknown[] }>(demo.served, 'directory:list', {})).sources).toHaveLength(0);

  // The right file: the dialog closes and the directory lists it.
  await dialog.getByLabel('CSV file').setInputFiles(path.join(tmp, 'northwind-hr.csv'));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  const staff = goodCsv.trim().split('\n').length - 1;
  await expect(page.getByTestId('directory-announcer')).toHaveText(`Imported ${staff.toLocaleString('en-US')} people from northwind-hr.csv as “HR roster”.`);
  const sources = page.getByRole('table', { name: 'Sources' });
  const roster = sources.getByRole('row', { name: /HR roster/ });
  await expect(roster).toContainText(String(staff));
  await expect(roster.getByRole('button', { name: 'Remove HR roster' })).toBeVisible();
  const count = page.locator('.table-toolbar__count');
  await expect(count).toContainText(`${staff.toLocaleString('en-US')} people`);
  await expect(count).toContainText('2 leavers');
  await settled(page);
  await expectNoAxeViolations(page, 'directory');
  await shot(page, 'directory');

  // The leavers, by status: both are deprovisioned (one by the roster's word, one past their end date).
  await page.getByLabel('Status').selectOption('deprovisioned');
  await expect(count).toContainText(`2 of ${staff.toLocaleString('en-US')} people`);
  const people = page.getByRole('region', { name: 'People table, scrollable' });
  for (const leaver of leavers) await expect(people.getByText(leaver.email, { exact: true })).toBeVisible();
  await expect(people).toContainText('HR last day');
  await expectNoAxeViolations(page, 'directory, deprovisioned');
  await shot(page, 'directory-leavers');
  await page.getByLabel('Status').selectOption('all');

  // The remove confirmation (kept: the roster stays).
  await roster.getByRole('button', { name: 'Remove HR roster' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the roster “HR roster”?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page, 'remove roster dialog');
  await shot(page, 'directory-remove-roster');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);

  // Main made both leavers candidates, whatever their activity, in every integration they hold
  // a seat of; outside accounts are orphans.
  const asana = await rpc<Candidate[]>(demo.served, 'candidates:list', { profileId: asanaId });
  for (const leaver of leavers) expect(asana.find((c) => c.email === leaver.email), leaver.email).toMatchObject({ reason: 'leaver', status: 'open' });
  const everywhere = (await rpc<Candidate[]>(demo.served, 'candidates:list', {})).filter((c) => c.reason === 'leaver');
  expect(new Set(everywhere.map((c) => c.email))).toEqual(new Set(leavers.map((l) => l.email)));

  await open(page, '#/candidates');
  await expect(page.getByRole('region', { name: /Candidates table/ })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Reason').selectOption('leaver');
  const rows = page.locator('table.vtable tbody tr[data-index]');
  await expect(rows).toHaveCount(everywhere.length);
  await expect(page.locator('.table-toolbar__count')).toContainText(`${everywhere.length} of `);
  for (const leaver of leavers) {
    const row = rows.filter({ hasText: leaver.email }).first();
    await expect(row.locator('.tag', { hasText: 'Leaver' })).toBeVisible();
    await expect(row).toContainText('at once after leaving');
  }
  await expect(rows.locator('.tag', { hasText: 'Leaver' })).toHaveCount(everywhere.length);
  await expectNoAxeViolations(page, 'candidates, leavers');
  await shot(page, 'candidates-leavers');
  // Every reason: the roster knows all the staff, so no pending candidate is an orphan.
  expect(asana.filter((c) => (c.status === 'open' || c.status === 'approved') && c.orphan !== false)).toEqual([]);
  await page.getByLabel('Reason').selectOption('all');
  await expect(page.locator('.table-toolbar__count')).not.toContainText(' of ');
  await expect(rows.first()).toBeVisible();
  await expect(rows.locator('.tag', { hasText: 'Orphan' })).toHaveCount(0);
  await shot(page, 'candidates-all-reasons');

  // The record's seats: the orphans, on their own.
  await open(page, `#/profiles/${asanaId}/subscriptions`);
  const orphansOnly = page.getByLabel(/^Orphans only \(\d+\)$/);
  await expect(orphansOnly).toBeVisible({ timeout: 30_000 });
  await orphansOnly.check();
  const seats = page.locator('table.vtable tbody tr[data-index]');
  await expect(seats.first()).toBeVisible();
  await expect(seats.first().locator('.tag', { hasText: 'Orphan' })).toHaveAttribute('title', 'No directory source knows this email');
  await expect(page.getByRole('region', { name: 'Seats table, scrollable' })).not.toContainText('@northwind.example');
  await expectNoAxeViolations(page, 'record seats, orphans only');
  await shot(page, 'record-orphans');

  // The rule's leaver setting.
  await open(page, `#/profiles/${asanaId}/rules`);
  await expect(page.getByRole('table', { name: 'Reclamation rules' })).toContainText('At once');
  await page.getByRole('table', { name: 'Reclamation rules' }).getByRole('button', { name: /^Edit / }).first().click();
  const leaversGroup = page.getByRole('form', { name: /^Edit rule/ }).getByRole('group', { name: 'Leavers' });
  await expect(leaversGroup.getByLabel('Make leavers candidates')).toBeChecked();
  await expect(leaversGroup.getByLabel('Days after leaving')).toHaveValue('0');
  await expectNoAxeViolations(page, 'rule form, leavers');
  await shot(page, 'rule-form-leavers');
});

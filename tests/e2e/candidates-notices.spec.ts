/**
 * "Notify user" notices end to end: a real `seatwise serve`, a real Asana simulator and a rule
 * with "Notify user" on. The candidates table shows the reclaimable date; "Notices…" lists the
 * notices main wrote for the selection, previews one, and exports the CSV.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../connectors/asana/simulator/index.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';
import { rpc } from './helpers/rpc.js';

const TOKEN = 'e2e-notices-token-abcdefghijklmnop';
import { SHOTS } from './helpers/page-checks.js';
let sim: AsanaSimulatorHandle;
let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 5, users: 300, knobs: { rateLimit: undefined } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-e2e-notices-'));
  served = await startSeatwise(['serve'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Candidate { id: string; ruleId: string; status: string }

test('notices for the selected candidates of a notify rule: preview and export', async ({ page }) => {
  const created = await rpc<{ id: string }>(served, 'profiles:create', { name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
  await rpc(served, 'connection:setSecret', { profileId: created.id, kind: 'token', value: TOKEN });
  await rpc(served, 'profiles:publish', { profileId: created.id });
  await expect.poll(async () => (await rpc<Candidate[]>(served, 'candidates:list', { profileId: created.id })).length, { timeout: 30_000 }).toBeGreaterThan(5);
  const candidates = await rpc<Candidate[]>(served, 'candidates:list', { profileId: created.id });
  await rpc(served, 'rules:update', { ruleId: candidates[0]!.ruleId, patch: { notifyUser: true, daysBeforeAutoReclaim: 14 } });

  await page.goto(served.url);
  await page.getByRole('link', { name: 'Candidates' }).first().click();
  const table = page.getByRole('region', { name: /Candidates table/ });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.locator('time.candidates__reclaim').first()).toContainText('notice date');

  const rows = page.locator('table.vtable tbody tr[data-index]');
  await rows.nth(0).locator('input[type="checkbox"]').click();
  await rows.nth(3).locator('input[type="checkbox"]').click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Notices…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Notices to users' });
  await expect(dialog.getByTestId('notices-count')).toHaveText(/^\d+ notices?$/);
  const preview = dialog.getByRole('article', { name: 'Notice preview' });
  await expect(preview).toContainText('Subject: Your Asana license');
  await expect(preview).toContainText('If you still need it, simply sign in to Asana');
  await page.mouse.move(1350, 850);
  await page.screenshot({ path: path.join(SHOTS, 'candidates-notices.png') });

  await dialog.getByRole('button', { name: 'Export…' }).click();
  const form = dialog.getByRole('form', { name: 'Export notices' });
  // In the browser host the file is a download, saved where the browser keeps them.
  await expect(form.getByLabel('Save to')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^seatwise-notices-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('email,name,subject,body\r\n')).toBe(true);
});

test('a candidate under an automatic rule says when a sync will reclaim it; the seat counts agree on the record', async ({ page }) => {
  const [profile] = await rpc<{ id: string; seats: number; freeSeats: number; deactivatedSeats: number }[]>(served, 'profiles:list', {});
  const candidates = await rpc<Candidate[]>(served, 'candidates:list', { profileId: profile!.id });
  const first = candidates.find((c) => c.status === 'open')!;
  await rpc(served, 'rules:update', { ruleId: first.ruleId, patch: { autoReclaim: true } });
  await rpc(served, 'candidates:setStatus', { ids: [first.id], status: 'approved' });
  const row = (await rpc<(Candidate & { autoReclaimAt?: string; reclaimableAt?: string })[]>(served, 'candidates:list', { profileId: profile!.id })).find((c) => c.id === first.id)!;
  expect(row.autoReclaimAt).toBeDefined();
  expect(Date.parse(row.autoReclaimAt!)).toBeGreaterThanOrEqual(Date.parse(row.reclaimableAt!));

  await page.goto(served.url);
  await page.getByRole('link', { name: 'Candidates' }).first().click();
  const table = page.getByRole('region', { name: /Candidates table/ });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.locator('time.candidates__auto').first()).toContainText('will be reclaimed automatically on');

  // One seat definition: the record's figure, the table's footer and the filter agree.
  await page.evaluate((id) => {
    location.hash = `#/profiles/${id}/subscriptions`;
  }, profile!.id);
  const figure = page.locator('.stat', { hasText: 'Paid seats' }).locator('.stat__value');
  await expect(figure).toHaveText(String(profile!.seats), { timeout: 30_000 });
  const footer = page.locator('.table-toolbar__count');
  await expect(footer).toContainText(`${profile!.seats.toLocaleString('en-US')} paid · ${profile!.freeSeats.toLocaleString('en-US')} free`);
});

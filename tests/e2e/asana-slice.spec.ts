/**
 * The foundation's end-to-end slice: a real `seatwise serve` (the built CLI), a real Asana
 * simulator, Debian's Chromium. A profile created and published through the host shows the
 * right seat count on the home screen and in the record's virtualized table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { isPaidSeat } from '../../connectors/asana/simulator/seed.js';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../connectors/asana/simulator/index.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';
import { rpc } from './helpers/rpc.js';

const TOKEN = 'e2e-asana-token-abcdefghijklmnop';
let sim: AsanaSimulatorHandle;
let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 3, users: 1234, knobs: { rateLimit: undefined } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-e2e-'));
  served = await startSeatwise(['serve'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('an Asana profile published through the host shows its seats', async ({ page }) => {
  const paid = sim.org.members.filter(isPaidSeat).length;
  const created = await rpc<{ id: string }>(served, 'profiles:create', {
    name: 'Asana E2E',
    vendor: 'asana',
    connection: { baseUrl: sim.url, grantType: 'token' },
  });
  await rpc(served, 'connection:setSecret', { profileId: created.id, kind: 'token', value: TOKEN });
  await rpc(served, 'profiles:publish', { profileId: created.id });

  await page.goto(served.url);
  // The token left the address bar: the cookie carries the session now.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/(#.*)?$/);
  const row = page.getByRole('row', { name: /Asana E2E/ });
  await expect(row).toContainText(paid.toLocaleString('en-US'), { timeout: 30_000 });
  await page.screenshot({ path: 'docs/screenshots/home.png' });

  await row.getByRole('link', { name: 'Asana E2E' }).click();
  await expect(page.getByText(new RegExp(`${sim.org.members.length.toLocaleString('en-US')} members`))).toBeVisible();
  const renderedRows = await page.locator('[role="region"][aria-label^="Seats table"] tbody tr').count();
  expect(renderedRows).toBeGreaterThan(5);
  expect(renderedRows).toBeLessThan(200);
  await page.screenshot({ path: 'docs/screenshots/record-subscriptions.png' });
});

test('the token is not in the page, and the host refuses calls without it', async ({ page, request }) => {
  await page.goto(served.url);
  const html = await page.content();
  expect(html).not.toContain(TOKEN);
  const refused = await request.post(`${served.origin}/rpc/profiles:list`, { data: {}, headers: { 'content-type': 'application/json' } });
  expect(refused.status()).toBe(401);
});

/**
 * Reclaim from the candidates tab, in the real demo organisation (`seatwise demo`, the Asana
 * simulator behind it): the dry run lists one vendor call per approved seat and changes
 * nothing; the real run reclaims exactly those seats; Undo gives one back. axe on the dialog.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { rpc } from './helpers/rpc.js';
import { demoProfileId, startDemo, type Demo } from './helpers/demo.js';
import { expectNoAxeViolations, SHOTS } from './helpers/page-checks.js';
import type { ServedSeatwise } from './helpers/serve.js';

const DEMO_PROFILE = 'Asana (demo)';

interface Candidate {
  id: string;
  status: string;
  email: string;
}

let served: ServedSeatwise;
let demo: Demo;
let profileId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startDemo('reclaim');
  served = demo.served;
  profileId = await demoProfileId(served, DEMO_PROFILE);
});

test.afterAll(async () => {
  await demo?.stop();
});

test('dry run, confirm, reclaim exactly the approved seats, then undo one', async ({ page }) => {
  const candidates = () => rpc<Candidate[]>(served, 'candidates:list', { profileId });
  const open = (await candidates()).filter((c) => c.status === 'open').slice(0, 3);
  await rpc(served, 'candidates:setStatus', { ids: open.map((c) => c.id), status: 'approved' });
  const approved = (await candidates()).filter((c) => c.status === 'approved');
  expect(approved.length).toBeGreaterThanOrEqual(3);

  await page.goto(served.url);
  await page.evaluate((hash) => (window.location.hash = hash), `#/profiles/${profileId}/candidates`);
  await page.getByRole('button', { name: 'Reclaim approved…' }).click();
  const dialog = page.getByRole('dialog');
  const go = dialog.getByRole('button', { name: `Reclaim ${approved.length} seats` });
  await expect(go).toBeVisible();
  await expect(dialog.getByRole('table').locator('tbody tr')).toHaveCount(approved.length);
  for (const c of approved) await expect(dialog.getByText(c.email, { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'the reclaim dialog', '[role="dialog"]');
  await page.screenshot({ path: path.join(SHOTS, 'reclaim-dry-run.png') });
  // The dry run changed nothing.
  expect((await candidates()).filter((c) => c.status === 'approved').map((c) => c.id).sort()).toEqual(approved.map((c) => c.id).sort());

  await go.click();
  await expect(dialog.getByRole('heading', { name: 'Reclaim finished' })).toBeVisible({ timeout: 30_000 });
  const after = await candidates();
  const reclaimed = after.filter((c) => c.status === 'reclaimed').map((c) => c.id);
  for (const c of approved) expect(reclaimed).toContain(c.id);
  expect(after.filter((c) => c.status === 'approved')).toEqual([]);

  await dialog.getByRole('button', { name: 'Re-add' }).first().click();
  await expect(dialog.getByText('undone')).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'reclaim-done.png') });
  const undone = (await candidates()).filter((c) => approved.some((a) => a.id === c.id) && c.status === 'open');
  expect(undone).toHaveLength(1);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

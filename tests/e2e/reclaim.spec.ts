/**
 * Reclaim from the candidates tab, in the real demo organisation (`seatwise demo`, the Asana
 * simulator behind it): the dry run lists one vendor call per approved seat and changes
 * nothing; the real run reclaims exactly those seats; Undo gives one back. axe on the dialog.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { rpc } from './helpers/rpc.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';

const SHOTS = path.resolve('docs', 'screenshots');
const DEMO_PROFILE = 'Asana (demo)';

interface Summary {
  id: string;
  name: string;
  lastSync?: { status: string };
}
interface Candidate {
  id: string;
  status: string;
  email: string;
}

let served: ServedSeatwise;
let dataDir: string;
let profileId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-reclaim-'));
  served = await startSeatwise(['demo'], dataDir);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const demo = (await rpc<Summary[]>(served, 'profiles:list', {})).find((p) => p.name === DEMO_PROFILE);
    if (demo?.lastSync?.status === 'succeeded') {
      profileId = demo.id;
      break;
    }
    if (Date.now() > deadline) throw new Error(`${DEMO_PROFILE} did not finish its first sync:\n${served.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  await served?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
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
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'reclaim-dry-run.png') });
  // The dry run changed nothing.
  expect((await candidates()).filter((c) => c.status === 'approved').map((c) => c.id).sort()).toEqual(approved.map((c) => c.id).sort());

  await go.click();
  await expect(dialog.getByRole('heading', { name: 'Reclaim finished' })).toBeVisible({ timeout: 30_000 });
  const after = await candidates();
  const reclaimed = after.filter((c) => c.status === 'reclaimed').map((c) => c.id);
  for (const c of approved) expect(reclaimed).toContain(c.id);
  expect(after.filter((c) => c.status === 'approved')).toEqual([]);

  await dialog.getByRole('button', { name: 'Undo' }).first().click();
  await expect(dialog.getByText('undone')).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'reclaim-done.png') });
  const undone = (await candidates()).filter((c) => approved.some((a) => a.id === c.id) && c.status === 'open');
  expect(undone).toHaveLength(1);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

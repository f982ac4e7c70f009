/**
 * The candidates table at 100,000 rows, in the real browser host (`seatwise serve`) with the
 * candidate calls answered by Playwright: select (click, shift-click, select all shown), bulk
 * approve (the request carries exactly the chosen ids), and only a window of rows in the DOM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';

const COUNT = 100_000;
import { SHOTS } from './helpers/page-checks.js';

let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-candidates-'));
  served = await startSeatwise(['serve'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const FIRST = ['Amelia', 'Chloé', 'Daniel', 'Fatima', 'Hiro', 'Jonas', 'Leila', 'Mateo', 'Noor', 'Priya', 'Sven', 'Yusuf'];
const LAST = ['Moreau', 'Okafor', 'Schmidt', 'Tanaka', 'Silva', 'Novak', 'Haddad', 'Larsen'];
const PROFILES = [
  { id: 'p-asana', name: 'Asana – Marketing', vendor: 'asana', types: [['Business', 24.99], ['Enterprise', 30.49]] },
  { id: 'p-sf', name: 'Salesforce – Sales', vendor: 'salesforce', types: [['Sales Cloud', 165], ['Platform', 25]] },
  { id: 'p-cal', name: 'Calendly', vendor: 'calendly', types: [['Teams', 16]] },
] as const;

function generate(count: number): unknown[] {
  const now = Date.UTC(2026, 10, 20);
  const rows = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    const profile = PROFILES[i % 3]!;
    const [licenseType, cost] = profile.types[(i >> 2) % profile.types.length]!;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const days = 61 + ((i * 7919) % 420);
    const never = i % 17 === 0;
    const since = new Date(now - days * 86_400_000).toISOString();
    rows[i] = {
      id: `cand-${i}`,
      profileId: profile.id,
      profileName: profile.name,
      vendor: profile.vendor,
      orgId: 'org-1',
      subscriptionId: `sub-${i}`,
      userId: `u-${i}`,
      email: `${first.toLowerCase().replace('é', 'e')}.${last.toLowerCase()}${i}@example.com`,
      name: `${first} ${last}`,
      licenseType,
      ...(never ? {} : { lastActivityAt: since }),
      inactiveSince: since,
      daysInactive: days,
      ruleId: `rule-${profile.id}`,
      ruleName: `${profile.name.split(' – ')[0]} ${licenseType}`,
      thresholdDays: 60,
      status: i % 11 === 0 ? 'approved' : 'open',
      monthlyCost: cost,
      currency: 'USD',
      why: never ? `never active; rule ${licenseType}, 60 days` : `no activity since ${since.slice(0, 10)}, ${days} days; rule ${licenseType}, 60 days`,
      detectedAt: '2026-11-20T06:00:00.000Z',
    };
  }
  return rows;
}

// The bridge encodes the method name (candidates%3Alist), so match both spellings.
async function routeCandidates(page: Page, setStatusBodies: Array<{ ids: string[]; status: string }>): Promise<void> {
  const body = JSON.stringify({ ok: true, value: generate(COUNT) });
  await page.route(/\/rpc\/candidates(:|%3A)list$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await page.route(/\/rpc\/candidates(:|%3A)setStatus$/, async (route) => {
    const input = route.request().postDataJSON() as { ids: string[]; status: string };
    setStatusBodies.push(input);
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { updated: input.ids.length, unchanged: [] } }) });
  });
}

const rows = (page: Page) => page.locator('table.vtable tbody tr[data-index]');
const idOf = async (page: Page, position: number) => (await rows(page).nth(position).locator('[data-select]').getAttribute('data-select'))!;

test('selects and approves candidates in a 100,000-row table', async ({ page }) => {
  const bodies: Array<{ ids: string[]; status: string }> = [];
  await routeCandidates(page, bodies);
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Candidates' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Candidates' })).toBeVisible();
  await expect(page.getByRole('region', { name: /Candidates table/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.table-toolbar__count')).toContainText('100,000 candidates');

  // Virtualized: only a window of the rows is in the DOM.
  expect(await rows(page).count()).toBeLessThan(100);

  // Click one, shift-click three below it.
  const picked = [await idOf(page, 1), await idOf(page, 2), await idOf(page, 3), await idOf(page, 4)];
  await rows(page).nth(1).locator('input[type="checkbox"]').click();
  await rows(page).nth(4).locator('input[type="checkbox"]').click({ modifiers: ['Shift'] });
  const bar = page.getByRole('group', { name: 'Selection' });
  await expect(bar).toContainText('4 selected');
  await expect(bar).toContainText('potential savings');

  await bar.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('candidates-announcer')).toHaveText('Approved 4 candidates.');
  expect(bodies).toHaveLength(1);
  expect(bodies[0]!.status).toBe('approved');
  expect([...bodies[0]!.ids].sort()).toEqual([...picked].sort());
  await expect(rows(page).nth(1).locator('.pill')).toHaveText('Approved');

  // Sort by monthly cost (aria-sort), group by integration, then select a range for the picture.
  const costHeader = page.getByRole('columnheader', { name: /Monthly cost/ });
  await costHeader.getByRole('button').click();
  await expect(costHeader).toHaveAttribute('aria-sort', 'descending');
  await page.getByLabel('Group by').selectOption('profile');
  await expect(page.locator('tr[data-group]').first()).toContainText('Asana – Marketing');
  await rows(page).nth(0).locator('input[type="checkbox"]').click();
  await rows(page).nth(5).locator('input[type="checkbox"]').click({ modifiers: ['Shift'] });
  await expect(bar).toContainText('6 selected');
  expect(await rows(page).count()).toBeLessThan(100);

  await page.mouse.move(1350, 850);
  await page.screenshot({ path: path.join(SHOTS, 'candidates.png') });

  // Select all shown after filtering to one license type, then approve: all of them, exactly.
  await bar.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByLabel('Group by').selectOption('none');
  await page.getByLabel('License').selectOption('Teams');
  await page.getByLabel('Status').selectOption('open');
  const countText = (await page.locator('.table-toolbar__count').textContent()) ?? '';
  const shown = Number(/^([\d,]+) of/.exec(countText)?.[1]?.replace(/,/g, ''));
  expect(shown).toBeGreaterThan(1000);
  await page.getByRole('checkbox', { name: /Select all .* shown/ }).check();
  await expect(bar).toContainText(`${shown.toLocaleString('en-US')} selected`);
  await bar.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('candidates-announcer')).toHaveText(`Approved ${shown.toLocaleString('en-US')} candidates.`);
  expect(bodies).toHaveLength(2);
  expect(bodies[1]!.ids).toHaveLength(shown);
  expect(bodies[1]!.ids.every((id) => Number(id.slice(5)) % 3 === 2)).toBe(true);
});

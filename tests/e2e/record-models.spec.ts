/**
 * The Software models tab against the real demo (`seatwise demo`): the demo Calendly has a
 * role the connector does not know, so its record shows an unrecognized identifier at first
 * start. The tab passes axe, the identifier maps onto a model from the keyboard-reachable
 * form, and shows as resolved. Saves docs/screenshots/record-models.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { rpc } from './helpers/rpc.js';
import { startSeatwise, type ServedSeatwise } from './helpers/serve.js';

const SHOTS = path.resolve('docs', 'screenshots');
const IDENTIFIER = 'Calendly seat (manager)';

let served: ServedSeatwise;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-e2e-models-'));
  served = await startSeatwise(['demo'], dataDir);
});

test.afterAll(async () => {
  await served?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${screen}`).toEqual([]);
}

/** The app scrolls inside <main>: grow the window to its content for a whole-screen picture. */
async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1360, height: 860 };
  await page.mouse.move(size.width - 4, size.height - 4);
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight : document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, height), 2400) });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

/** The demo Calendly profile, once its first sync has found the unknown role. */
async function demoCalendly(): Promise<string> {
  let profileId = '';
  await expect
    .poll(
      async () => {
        const profiles = await rpc<{ id: string; name: string }[]>(served, 'profiles:list', {});
        profileId = profiles.find((p) => p.name === 'Calendly (demo)')?.id ?? '';
        if (!profileId) return [];
        const rows = await rpc<{ licenseType: string }[]>(served, 'unrecognized:list', { profileId });
        return rows.map((r) => r.licenseType);
      },
      { timeout: 60_000 },
    )
    .toContain(IDENTIFIER);
  return profileId;
}

test('the demo Calendly record shows an unrecognized identifier, which maps onto a model', async ({ page }) => {
  const profileId = await demoCalendly();
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate((id) => {
    window.location.hash = `#/profiles/${id}/models`;
  }, profileId);

  const tabs = page.getByRole('navigation', { name: 'Integration sections' });
  await expect(tabs.getByRole('link', { name: /Software models.*1 unrecognized identifier to resolve/ })).toHaveAttribute('aria-current', 'page');
  const models = page.getByRole('region', { name: 'Software models' });
  await expect(models.getByRole('row', { name: /Calendly seat \(user\)/ })).toBeVisible();
  const identifiers = page.getByRole('region', { name: 'Unrecognized subscription identifiers' });
  const row = identifiers.getByRole('row', { name: new RegExp(IDENTIFIER.replace(/[()]/g, '\\$&')) });
  await expect(row.getByText('Unresolved')).toBeVisible();
  await expectNoAxeViolations(page, 'the Software models tab');

  // Keyboard: the action is reachable with Tab and opens its form with Enter.
  const mapButton = row.getByRole('button', { name: 'Map to model…' });
  await mapButton.focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: `Map ${IDENTIFIER} to a software model` });
  const select = form.getByRole('combobox', { name: /Treat its \d+ seats as/ });
  await expect(select).toBeFocused();
  await select.selectOption({ label: (await select.locator('option', { hasText: 'Calendly seat (user)' }).textContent()) ?? '' });
  await expectNoAxeViolations(page, 'the map form');
  await shot(page, 'record-models');

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByText('Mapped')).toBeVisible();
  await expect(row.getByText('Treated as Calendly seat (user)')).toBeVisible();
  await expect(row.getByRole('button', { name: 'Clear' })).toBeFocused();
  await expect(models.getByRole('row', { name: /Calendly seat \(user\)/ }).getByText(IDENTIFIER)).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Software models', exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'the resolved identifier');

  const rules = await rpc<{ licenseType: string; name: string }[]>(served, 'rules:list', { profileId });
  expect(rules.find((r) => r.licenseType === IDENTIFIER)?.name).toMatch(/\(Calendly seat \(manager\)\)$/);
});

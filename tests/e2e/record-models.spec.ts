/**
 * The Software models tab against the real demo (`seatwise demo`): the demo Calendly has a
 * role the connector does not know, so its record shows an unrecognized identifier at first
 * start. The tab passes axe, the identifier maps onto a model from the keyboard-reachable
 * form, and shows as resolved. Saves docs/screenshots/record-models.png.
 */
import { expect, test } from '@playwright/test';
import { rpc } from './helpers/rpc.js';
import { startDemo, type Demo } from './helpers/demo.js';
import { expectNoAxeViolations, shot } from './helpers/page-checks.js';
import type { ServedSeatwise } from './helpers/serve.js';

const IDENTIFIER = 'Calendly seat (manager)';

let served: ServedSeatwise;
let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo('models');
  served = demo.served;
});

test.afterAll(async () => {
  await demo?.stop();
});

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

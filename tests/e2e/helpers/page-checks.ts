/** What every screen test asks of a page: no axe violations, and a picture of the whole screen. */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Where screenshots go: test-results/screenshots (ignored by git) unless SEATWISE_SCREENSHOTS_DIR
 * names another folder. `npm run screenshots` points it at docs/screenshots to refresh the
 * README's pictures; a plain `npm test` never rewrites tracked files.
 */
export const SHOTS = path.resolve(process.env.SEATWISE_SCREENSHOTS_DIR || path.join('test-results', 'screenshots'));

/**
 * axe leaves its experimental rules off; a screen passes here only with none of their
 * violations either (label-content-name-mismatch: a visible label that is not the name).
 * Every impact counts, minor included.
 */
const EXPERIMENTAL_RULES = ['css-orientation-lock', 'focus-order-semantics', 'hidden-content', 'label-content-name-mismatch', 'p-as-heading', 'table-fake-caption', 'td-has-header'];
const EVERY_RULE = Object.fromEntries(EXPERIMENTAL_RULES.map((id) => [id, { enabled: true }]));

/** axe on the page (or on `include`, a selector), each violation named with its nodes. */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).options({ rules: EVERY_RULE });
  const results = await (include ? builder.include(include) : builder).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** The app scrolls inside <main>: grow the window to its content for a whole-screen picture. */
export async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1360, height: 860 };
  // Away from every control, so no hover state lands in the picture.
  await page.mouse.move(size.width - 4, size.height - 4);
  await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, height), 2400) });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

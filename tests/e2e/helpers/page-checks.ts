/** What every screen test asks of a page: no axe violations, and a picture of the whole screen. */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SHOTS = path.resolve('docs', 'screenshots');

/** axe on the page (or on `include`, a selector), each violation named with its nodes. */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
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

/**
 * Smoke test of the desktop shell with Playwright's Electron driver: the window opens on our
 * page, locked down (no Node, isolated, sandboxed), the bridge answers over IPC, and popups
 * and navigation are refused. Runs only where an Electron binary is installed; elsewhere it
 * is skipped and says why (CI installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ApiResult, SeatwiseBridge } from '../../preload/contract.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SKIP_REASON =
  'Electron binary not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1); run npm i electron with internet to enable';

/** `require('electron')` in Node is the path of the binary, and throws when it was never downloaded. */
function electronBinary(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

test('the desktop window opens locked down and talks to main over IPC', async () => {
  const binary = electronBinary();
  if (!binary) {
    console.log(`electron-smoke: skipped: ${SKIP_REASON}`);
    test.skip(true, SKIP_REASON);
    return;
  }
  // Electron starts package.json's "main"; the window needs the preload and the renderer.
  const entry = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: string }).main ?? 'out/main/electron.js';
  const missing = [entry, 'out/preload/index.cjs', 'out/renderer/index.html'].filter((file) => !existsSync(path.join(root, file)));
  if (missing.length > 0) throw new Error(`Build first (npm run build): missing ${missing.join(', ')}`);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seatwise-electron-'));
  // Chromium refuses to run as root with its OS sandbox on; CI runs as root.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({ executablePath: binary, args: [...rootArgs, root, '--data-dir', dataDir], cwd: root });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await expect(page).toHaveTitle(/Seatwise/);
    expect(page.url()).toMatch(/^seatwise-app:\/\/app\//);

    // Electron has no API to read the preferences back; their effect is what can be seen here.
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      bridgeKeys: Object.keys((globalThis as unknown as { seatwise: SeatwiseBridge }).seatwise).sort(),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridgeKeys: ['invoke', 'on'] });

    const info = await page.evaluate(() => (globalThis as unknown as { seatwise: SeatwiseBridge }).seatwise.invoke('app:info', {}));
    expect(info).toMatchObject({ ok: true, value: { transport: 'ipc', dataDir } } satisfies Partial<ApiResult<unknown>> & object);
    const unknown = await page.evaluate(() => (globalThis as unknown as { seatwise: SeatwiseBridge }).seatwise.invoke('nope:nothing', {}));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");

    // http (not https) so that nothing is handed to the system browser during the test.
    const popup = await page.evaluate(() => window.open('http://127.0.0.1:9/') === null);
    expect(popup).toBe(true);
    expect(app.windows()).toHaveLength(1);
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'http://127.0.0.1:9/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  } finally {
    await app.close();
  }
  // The window's place was kept for the next start.
  expect(JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toHaveProperty('width');
  rmSync(dataDir, { recursive: true, force: true });
});

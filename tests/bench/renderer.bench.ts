/**
 * Benchmarks (not tests) measured in headless Chromium through playwright-core:
 *  - filter and sort of 100,000 seats with the renderer's own seat-query.ts, bundled for the
 *    browser with Vite's build API and timed inside the page;
 *  - start to first paint of the built renderer (out/renderer), served by a tiny static server
 *    with a stub `window.seatwise` bridge, read from performance's first-contentful-paint.
 * Called by `npm run bench`. Chromium: $SEATWISE_CHROMIUM or /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { seatKind } from '../../main/subscriptions/seat-counts.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import type { SubscriptionRow } from '../../preload/contract.js';
import type * as SeatQueryModule from '../../renderer/src/features/profile/seat-query.js';
import { benchSubscriptions } from './candidates.bench.js';
import type { RatioBenchResult } from './sync.bench.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  return process.env.SEATWISE_CHROMIUM ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const DAY = 86_400_000;

/** 100,000 rows the way main/subscriptions/query.ts hands them to the renderer. */
export function benchRows(count: number): SubscriptionRow[] {
  const now = Date.UTC(2026, 10, 23, 9, 0, 0);
  return benchSubscriptions(count, now).map((sub, i) => ({
    id: sub.id,
    profileId: sub.profileId,
    orgId: sub.orgId,
    orgLabel: sub.orgId === 'org-2' ? 'Asana EU' : 'Asana',
    userId: sub.userId,
    email: sub.email,
    // Some accented and non-Latin names, so fold() takes its slow path sometimes.
    name: i % 9 === 0 ? `Zoë Ødegård ${i}` : i % 13 === 0 ? `李雷 ${i}` : sub.name,
    licenseType: sub.licenseType,
    active: sub.active,
    admin: sub.admin,
    owner: sub.owner,
    paid: sub.paid,
    seat: seatKind(sub),
    startedAt: sub.startedAt,
    lastActivityAt: sub.lastActivityAt,
    daysInactive: sub.lastActivityAt ? Math.floor((now - Date.parse(sub.lastActivityAt)) / DAY) : null,
  }));
}

/** seat-query.ts as one IIFE script exposing `SeatQuery` on window. */
async function bundleSeatQuery(root: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'seatwise-bench-seatquery-'));
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: true,
        minify: true,
        target: 'es2022',
        lib: { entry: join(root, 'renderer/src/features/profile/seat-query.ts'), formats: ['iife'], name: 'SeatQuery', fileName: () => 'seat-query.js' },
      },
    });
    return readFileSync(join(outDir, 'seat-query.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

interface SeatQueryTimes {
  index: number[];
  filterSort: number[];
  sortAll: number[];
  matched: number;
}

export async function benchRendererFilter(count = 100_000, runs = 7, root = process.cwd()): Promise<RatioBenchResult[]> {
  const script = await bundleSeatQuery(root);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>seat-query bench</title>');
    await page.addScriptTag({ content: script });
    const rows = benchRows(count);
    await page.evaluate((r) => {
      (window as unknown as { benchRows: unknown }).benchRows = r;
    }, rows);
    const times = await page.evaluate((n): SeatQueryTimes => {
      const api = (window as unknown as { SeatQuery: typeof SeatQueryModule }).SeatQuery;
      const all = (window as unknown as { benchRows: Parameters<typeof SeatQueryModule.buildSeatIndex>[0] }).benchRows;
      const out: SeatQueryTimes = { index: [], filterSort: [], sortAll: [], matched: 0 };
      // Warm up once, then `n` timed runs.
      for (let i = 0; i <= n; i++) {
        let t0 = performance.now();
        const index = api.buildSeatIndex(all);
        const tIndex = performance.now() - t0;
        // What typing in the search box does: text + license type + activity filter, sorted by name.
        t0 = performance.now();
        const filtered = api.querySeats(index, { search: 'user 1', licenseType: 'Business', activity: 'inactive', sort: { id: 'name', desc: false } });
        const tFilter = performance.now() - t0;
        // The heaviest: no filter, every seat sorted by last activity, newest first.
        t0 = performance.now();
        api.querySeats(index, { search: '', licenseType: '', activity: 'all', sort: { id: 'lastActivityAt', desc: true } });
        const tSort = performance.now() - t0;
        if (i === 0) continue;
        out.index.push(tIndex);
        out.filterSort.push(tFilter);
        out.sortAll.push(tSort);
        out.matched = filtered.rows.length;
      }
      return out;
    }, runs);
    const n = count.toLocaleString('en-US');
    const ms = (v: number[]) => Math.round(median(v) * 10) / 10;
    return [
      { name: `renderer: seat index build, ${n} rows (Chromium, once per download)`, medianMs: ms(times.index), runs, target: Number.POSITIVE_INFINITY },
      { name: `renderer: search + filter + sort by name, ${n} rows (Chromium)`, medianMs: ms(times.filterSort), runs, target: 100, detail: `${times.matched} rows match` },
      { name: `renderer: sort all ${n} rows by last activity (Chromium)`, medianMs: ms(times.sortAll), runs, target: 100 },
    ];
  } finally {
    await browser.close();
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * A stub bridge: every method answers ok with an empty value (lists empty, app info made up),
 * so the app renders its first-run screen without a main process.
 */
const STUB_BRIDGE = `
window.seatwise = {
  invoke: async function (method) {
    if (method === 'app:info') return { ok: true, value: { version: '0.0.0-bench', dataDir: '/tmp/seatwise-bench', transport: 'ipc', demo: false, platform: 'linux' } };
    if (/:list$/.test(method)) return { ok: true, value: [] };
    return { ok: false, error: { code: 'not_found', message: 'bench stub', retryable: false } };
  },
  on: function () { return function () {}; },
};
`;

/** Serves `dir` with the stub bridge injected before the app's module script. */
export function serveRenderer(dir: string): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pathname === '/seatwise-stub.js') {
      res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' });
      res.end(STUB_BRIDGE);
      return;
    }
    const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer | string = readFileSync(file);
    if (file.endsWith('index.html')) body = body.toString('utf8').replace('<head>', '<head>\n    <script src="./seatwise-stub.js"></script>');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

export async function benchFirstPaint(runs = 7, root = process.cwd()): Promise<RatioBenchResult> {
  const dir = join(root, 'out/renderer');
  if (!existsSync(join(dir, 'index.html'))) throw new Error('out/renderer is not built: run `npm run build` first.');
  const { server, url } = await serveRenderer(dir);
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    let heading = '';
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext(); // a cold cache every time
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const fcp = await page.evaluate(
        () =>
          new Promise<number>((done) => {
            const find = () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
            const now = find();
            if (now) return done(now.startTime);
            new PerformanceObserver(() => {
              const e = find();
              if (e) done(e.startTime);
            }).observe({ type: 'paint', buffered: true });
          }),
      );
      heading = (await page.locator('h1, h2').first().textContent({ timeout: 5000 }).catch(() => '')) ?? '';
      await context.close();
      if (i > 0) times.push(fcp);
    }
    return {
      name: 'renderer: start to first contentful paint (Chromium, cold cache, loopback)',
      medianMs: Math.round(median(times)),
      runs,
      target: Number.POSITIVE_INFINITY,
      detail: heading ? `first heading "${heading.trim().slice(0, 40)}"` : undefined,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

export const benchmarks = [benchRendererFilter, benchFirstPaint];

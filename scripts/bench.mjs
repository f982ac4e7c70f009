#!/usr/bin/env node
// `npm run bench`: bundles tests/bench/run.ts (TypeScript) with Vite's build API for Node
// (ssr, dependencies left external) into node_modules/.cache/seatwise-bench, then runs it with
// the arguments given, e.g. `npm run bench -- --only sync --json bench.json`.
// Benchmarks that use Chromium need /usr/bin/chromium (or $SEATWISE_CHROMIUM); the first-paint
// one needs a built renderer, so `npm run build` runs first when out/renderer is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
// The first-paint benchmark serves the built renderer: build once when it is missing.
if (!existsSync(`${root}out/renderer/index.html`)) {
  console.log('out/renderer is missing: running `npm run build` first.');
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// Inside the repo, so the bundle's bare imports resolve to node_modules.
const outDir = `${root}node_modules/.cache/seatwise-bench`;
rmSync(outDir, { recursive: true, force: true });
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir,
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    // The sync benchmark's simulators run in a worker thread: its entry is loaded from a file
    // next to run.mjs.
    rollupOptions: {
      input: { run: 'tests/bench/run.ts', 'sync-simulator-worker': 'tests/bench/sync-simulator-worker.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});
const result = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', `${outDir}/run.mjs`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

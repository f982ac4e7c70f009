#!/usr/bin/env node
// One build for every target: the renderer (Vite + React), the main process and CLI
// (Node ESM, dependencies left external), the Electron preload (one CommonJS file, so the
// window runs with sandbox: true) and the browser host's bridge (one IIFE script).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __SEATWISE_VERSION__: JSON.stringify(pkg.version) };
const quiet = { logLevel: process.env.SEATWISE_BUILD_VERBOSE ? 'info' : 'warn' };

rmSync('out', { recursive: true, force: true });

async function step(name, run) {
  const started = performance.now();
  await run();
  console.log(`built ${name} in ${Math.round(performance.now() - started)} ms`);
}

await step('renderer', () => build({ ...quiet, configFile: 'vite.renderer.config.ts' }));

await step('main + cli', () =>
  build({
    ...quiet,
    configFile: false,
    define,
    // zod is bundled: Node loads its hundred-odd modules one by one, about 100 ms of every
    // command's start, where one chunk of it loads in a fraction of that.
    ssr: { noExternal: ['zod'] },
    build: {
      ssr: true,
      target: 'node20',
      outDir: 'out/main',
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input: { cli: 'main/cli.ts', electron: 'main/electron/main.ts' },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  }),
);

await step('preload', () =>
  build({
    ...quiet,
    configFile: false,
    define,
    build: {
      outDir: 'out/preload',
      emptyOutDir: true,
      minify: false,
      target: 'chrome130',
      lib: { entry: 'preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  }),
);

await step('host bridge', () =>
  build({
    ...quiet,
    configFile: false,
    define,
    build: {
      outDir: 'out/renderer',
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      lib: { entry: 'preload/http-bridge.ts', formats: ['iife'], name: 'SeatwiseHostBridge', fileName: () => 'host-bridge.js' },
    },
  }),
);

/**
 * Builds the renderer (React) into out/renderer. The same files are served by the Electron
 * window's custom protocol and by the browser host, both under a strict CSP
 * (`script-src 'self'; style-src 'self'`), so the build must not contain inline scripts or
 * styles: the `csp-guard` plugin below fails the build if index.html ever gains one.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/** Fails the build when the emitted index.html carries code a strict CSP would block. */
function cspGuard(): Plugin {
  return {
    name: 'seatwise:csp-guard',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const html = String(file.source);
        const problems: string[] = [];
        for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
          const attrs = match[1] ?? '';
          const body = match[2] ?? '';
          if (!/\bsrc\s*=/.test(attrs) || body.trim() !== '') problems.push('an inline <script>');
        }
        if (/<style\b/i.test(html)) problems.push('an inline <style>');
        if (/\sstyle\s*=/i.test(html)) problems.push('a style="" attribute');
        if (/\son[a-z]+\s*=/i.test(html)) problems.push('an inline event handler');
        if (problems.length > 0) {
          this.error(`${file.fileName} contains ${problems.join(', ')}, which the Content-Security-Policy blocks.`);
        }
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), cspGuard()],
  build: {
    outDir: `${repoRoot}out/renderer`,
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Electron's Chromium and Debian's Chromium both support modulepreload natively; the
    // polyfill is dead weight.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into CSS or JS beyond small images (img-src allows data:).
    assetsInlineLimit: 4096,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { strictPort: true },
});

/**
 * The packaging checks of `npm run package:check` as tests: electron-builder.yml against
 * electron-builder's own schema, Seatwise's targets and icons, and the packaged file list
 * (main, preload, renderer, keytar's .node unpacked from asar). The file-list test needs a
 * build (`npm run build`); it is skipped with a reason when out/ is not there.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import * as packaging from '../../../scripts/check-packaging.mjs';

interface Config {
  appId?: string;
  productName?: string;
  publish?: unknown;
  fileAssociations?: unknown;
  linux?: Record<string, unknown>;
  mac?: Record<string, unknown>;
  [key: string]: unknown;
}

interface Packaging {
  ROOT: string;
  REQUIRED_APP_FILES: string[];
  KEYTAR_NODE: string;
  loadConfig(root?: string): Config;
  loadSchema(root?: string): unknown;
  validateSchema(config: unknown, schema?: unknown): string[];
  checkPolicy(config: unknown, root?: string): string[];
  checkFileList(config: unknown, root?: string): string[];
  applyPatterns(files: string[], patterns: string[]): string[];
  packagedFiles(config: unknown, root?: string): { app: string[]; deps: string[]; all: string[] };
}
const p = packaging as unknown as Packaging;

const built = p.REQUIRED_APP_FILES.every((f) => existsSync(join(p.ROOT, f)));

describe('electron-builder configuration', () => {
  const config = p.loadConfig();
  const schema = p.loadSchema();

  it("validates against electron-builder's own JSON schema", () => {
    expect(p.validateSchema(config, schema)).toEqual([]);
  });

  it('is really checked: a misspelt key and a wrong type are schema errors', () => {
    expect(p.validateSchema({ ...config, appID: 'x' }, schema).join('\n')).toContain('appID');
    expect(p.validateSchema({ ...config, asar: 'yes' }, schema)).not.toEqual([]);
  });

  it('builds AppImage, deb, dmg (hardened runtime, entitlements) and nsis, with icons and no auto-update', () => {
    expect(p.checkPolicy(config)).toEqual([]);
    expect(config.appId).toBe('com.seatwise.app');
    expect(config.productName).toBe('Seatwise');
    expect(config.publish).toBeNull();
    expect(config.fileAssociations).toBeUndefined();
  });

  it('flags a missing target, a soft macOS runtime and a publish feed', () => {
    const bad = { ...config, linux: { ...config.linux, target: ['AppImage'] }, mac: { ...config.mac, hardenedRuntime: false }, publish: { provider: 'github' } };
    const problems = p.checkPolicy(bad).join('\n');
    expect(problems).toContain('linux does not build deb');
    expect(problems).toContain('hardenedRuntime');
    expect(problems).toContain('publish');
  });

  it('has the icon set: PNGs 16..1024, .ico and .icns with their magic numbers', () => {
    const icons = join(p.ROOT, 'build/icons');
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(join(icons, `${size}x${size}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
    }
    expect(readFileSync(join(icons, 'icon.ico')).readUInt16LE(2)).toBe(1);
    expect(readFileSync(join(icons, 'icon.icns')).subarray(0, 4).toString('latin1')).toBe('icns');
  });
});

describe('packaged file list', () => {
  it('applies files globs in order, the last match deciding', () => {
    expect(p.applyPatterns(['out/main/electron.js', 'out/main/electron.js.map', 'src/x.ts'], ['out/**/*', '!out/**/*.map'])).toEqual(['out/main/electron.js']);
  });

  it.skipIf(!built)('holds main, preload, renderer and keytar.node, unpacked from asar', () => {
    const config = p.loadConfig();
    expect(p.checkFileList(config)).toEqual([]);
    const { all } = p.packagedFiles(config);
    for (const file of [...p.REQUIRED_APP_FILES, p.KEYTAR_NODE]) expect(all).toContain(file);
    expect(all.some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('reports a files list that drops the preload and an asarUnpack that misses keytar', () => {
    // A tiny fake project, so this test does not depend on a build.
    const root = mkdtempSync(join(tmpdir(), 'seatwise-packaging-'));
    try {
      for (const f of [...p.REQUIRED_APP_FILES, p.KEYTAR_NODE]) {
        mkdirSync(join(root, f, '..'), { recursive: true });
        writeFileSync(join(root, f), 'x');
      }
      writeFileSync(join(root, 'package.json'), JSON.stringify({ main: 'out/main/electron.js', dependencies: { keytar: '^7.9.0' } }));
      const good = { files: ['package.json', 'out/**/*'], asarUnpack: ['**/*.node'] };
      expect(p.checkFileList(good, root)).toEqual([]);
      const bad = { files: ['package.json', 'out/main/**/*', 'out/renderer/**/*'], asarUnpack: ['node_modules/other/**'] };
      const problems = p.checkFileList(bad, root).join('\n');
      expect(problems).toContain('out/preload/index.cjs is built but the files globs leave it out');
      expect(problems).toContain('asarUnpack does not cover');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

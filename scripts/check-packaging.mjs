#!/usr/bin/env node
// `npm run package:check`: what can be checked about the installers without downloading
// Electron (this build machine cannot).
//  1. electron-builder.yml validates against electron-builder's own JSON schema
//     (node_modules/app-builder-lib/scheme.json) with ajv, and has the targets Seatwise ships.
//  2. The packaged file list — electron-builder's `files` globs resolved against the built app
//     (run `npm run build` first) — holds main, preload and renderer, and keytar's native
//     module is shipped and unpacked from asar (asarUnpack).
//  3. The icons and the macOS entitlements it names exist.
// The functions are exported for tests/unit/packaging/packaging.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const yaml = require('js-yaml');
const minimatch = require('minimatch');

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the app must hold to start: package.json's main, the preload and the renderer. */
export const REQUIRED_APP_FILES = ['out/main/electron.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
export const KEYTAR_NODE = 'node_modules/keytar/build/Release/keytar.node';

export function loadConfig(root = ROOT) {
  return yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
}

export function loadSchema(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
}

/** Schema errors as readable lines; empty when the configuration is valid. */
export function validateSchema(config, schema = loadSchema()) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params?.additionalProperty ? `: "${e.params.additionalProperty}"` : ''}`);
}

function targetNames(platform) {
  const t = platform?.target;
  const list = Array.isArray(t) ? t : t ? [t] : [];
  return list.map((x) => (typeof x === 'string' ? x : x.target));
}

/** Seatwise's own rules on top of the schema: targets, hardened runtime, no auto-update. */
export function checkPolicy(config, root = ROOT) {
  const problems = [];
  if (!config.appId) problems.push('appId is missing');
  if (!config.productName) problems.push('productName is missing');
  for (const [platform, wanted] of [['linux', ['AppImage', 'deb']], ['mac', ['dmg']], ['win', ['nsis']]]) {
    const have = targetNames(config[platform]);
    for (const w of wanted) if (!have.includes(w)) problems.push(`${platform} does not build ${w}`);
  }
  if (config.mac?.hardenedRuntime !== true) problems.push('mac.hardenedRuntime is not true');
  for (const key of ['entitlements', 'entitlementsInherit']) {
    const file = config.mac?.[key];
    if (!file) problems.push(`mac.${key} is not set`);
    else if (!existsSync(join(root, file))) problems.push(`mac.${key} names ${file}, which does not exist`);
    else if (!/<plist[\s>]/.test(readFileSync(join(root, file), 'utf8'))) problems.push(`${file} is not a property list`);
  }
  if (config.publish !== null && config.publish !== undefined) problems.push('publish is set: auto-update is left out, so nothing may be published');
  if (config.fileAssociations) problems.push('fileAssociations are set: Seatwise opens no files');
  const icons = [config.mac?.icon, config.win?.icon, config.linux?.icon];
  for (const icon of icons) {
    if (!icon) problems.push('a platform has no icon');
    else if (!existsSync(join(root, icon))) problems.push(`icon ${icon} does not exist`);
  }
  if (config.linux?.icon && existsSync(join(root, config.linux.icon)) && statSync(join(root, config.linux.icon)).isDirectory()) {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      if (!existsSync(join(root, config.linux.icon, `${size}x${size}.png`))) problems.push(`linux icon set lacks ${size}x${size}.png`);
    }
  }
  return problems;
}

function walk(dir, root, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

function asList(value) {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((p) => (typeof p === 'string' ? p : p.filter ?? p.from)).flat();
}

/**
 * Applies electron-builder's file patterns in order: a file is in when the last pattern that
 * matches it is an include (a leading "!" excludes).
 */
export function applyPatterns(files, patterns) {
  return files.filter((file) => {
    let included = false;
    for (const raw of patterns) {
      const negate = raw.startsWith('!');
      const pattern = negate ? raw.slice(1) : raw;
      if (minimatch(file, pattern, { dot: true })) included = !negate;
    }
    return included;
  });
}

/**
 * The app's files as electron-builder would pack them: `files` resolved against the project
 * (the built out/ and package.json), plus the production dependencies' files under
 * node_modules, with the same patterns applied (electron-builder applies `files` to them too).
 * Dependencies are the package.json `dependencies` tree; only keytar's folder is listed here,
 * which is what the check is about.
 */
export function packagedFiles(config, root = ROOT) {
  const patterns = asList(config.files);
  const appFiles = ['package.json', ...walk(join(root, 'out'), root, [])];
  const app = applyPatterns(appFiles, patterns);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const deps = [];
  if (pkg.dependencies?.keytar) {
    // Dependency files are included unless a pattern excludes them: treat them as included
    // first, then run the exclusions.
    const keytar = walk(join(root, 'node_modules/keytar'), root, []);
    deps.push(...applyPatterns(keytar, ['**/*', ...patterns.filter((p) => p.startsWith('!') || p.includes('node_modules'))]));
  }
  return { app, deps, all: [...app, ...deps] };
}

/** Problems with the packaged file list; empty when main, preload, renderer and keytar are in. */
export function checkFileList(config, root = ROOT) {
  const problems = [];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!pkg.dependencies?.keytar) problems.push('keytar is not a production dependency in package.json, so it would not be packaged');
  if (pkg.main !== 'out/main/electron.js') problems.push(`package.json main is ${pkg.main}, not out/main/electron.js`);
  const { all } = packagedFiles(config, root);
  for (const file of REQUIRED_APP_FILES) {
    if (!existsSync(join(root, file))) problems.push(`${file} is not built: run \`npm run build\` first`);
    else if (!all.includes(file)) problems.push(`${file} is built but the files globs leave it out of the package`);
  }
  if (!existsSync(join(root, KEYTAR_NODE))) problems.push(`${KEYTAR_NODE} is missing: keytar's native module is not built (npm rebuild keytar)`);
  else if (!all.includes(KEYTAR_NODE)) problems.push(`${KEYTAR_NODE} is excluded by the files globs`);
  if (config.asar === false) problems.push('asar is off: the check expects an asar archive with keytar unpacked');
  const unpack = asList(config.asarUnpack);
  if (!unpack.some((p) => minimatch(KEYTAR_NODE, p, { dot: true }))) problems.push(`asarUnpack does not cover ${KEYTAR_NODE}: a native module cannot load from inside app.asar`);
  for (const file of all) {
    if (file.endsWith('.map')) problems.push(`source map ${file} would be packaged`);
  }
  return problems;
}

export function checkAll(root = ROOT) {
  const config = loadConfig(root);
  return {
    schema: validateSchema(config, loadSchema(root)),
    policy: checkPolicy(config, root),
    files: checkFileList(config, root),
    packaged: packagedFiles(config, root),
  };
}

const invoked = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const result = checkAll();
  const section = (title, problems) => {
    console.log(`${problems.length ? '✗' : '✓'} ${title}`);
    for (const p of problems) console.log(`    ${p}`);
  };
  const ebVersion = require('app-builder-lib/package.json').version;
  section(`electron-builder.yml matches electron-builder's schema (app-builder-lib ${ebVersion}, ajv ${require('ajv/package.json').version})`, result.schema);
  section('targets AppImage, deb, dmg (hardened runtime, entitlements), nsis; icons; no auto-update', result.policy);
  section(`packaged file list (${result.packaged.app.length} app files, keytar ${result.packaged.deps.length} files) holds ${[...REQUIRED_APP_FILES, KEYTAR_NODE].join(', ')}; keytar unpacked from asar`, result.files);
  const failed = result.schema.length + result.policy.length + result.files.length;
  if (failed) {
    console.log(`\n${failed} problem(s).`);
    process.exitCode = 1;
  } else {
    console.log('\nPackaging configuration is valid. Build installers on a machine with internet: npx electron-builder --linux | --mac | --win');
  }
}

#!/usr/bin/env node
/**
 * `npm run lint` step: Electronegativity over the Electron code (main/ and preload/, scanned
 * together so that global checks such as "navigation is limited" see main and preload as one
 * app). Fails on any HIGH severity finding; prints every finding as a short table.
 *
 * The TypeScript sources are scanned directly (Electronegativity parses .ts with Babel). If a
 * source file cannot be parsed, the built out/main and out/preload are scanned as well when
 * present; without them the run fails, because an unparsed file is an unchecked file.
 *
 * Left out on purpose: AvailableSecurityFixesGlobalCheck downloads Electron's release list,
 * which makes lint depend on the network (this build machine has none for it).
 * Electronegativity also tries to download translations (1 s timeout); that noise is hidden.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TIMEOUT_MS = 180_000;
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

function fail(message) {
  console.error(`electronegativity: ${message}`);
  process.exit(1);
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Copies the given folders into one temporary tree, so one run sees all of them. */
function stage(folders) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seatwise-eng-'));
  for (const folder of folders) cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
  return dir;
}

/** Runs the tool with its console chatter captured: shown only if something goes wrong. */
async function scan(run, input, version) {
  const chatter = [];
  const original = { log: console.log, warn: console.warn, info: console.info };
  console.log = console.warn = console.info = (...args) => chatter.push(args.map(String).join(' '));
  try {
    return await run({
      input,
      isRelative: true,
      electronVersionOverride: version,
      excludeFromScan: EXCLUDED_CHECKS,
      parserPlugins: [],
    });
  } catch (error) {
    Object.assign(console, original);
    if (chatter.length) console.error(chatter.join('\n'));
    throw error;
  } finally {
    Object.assign(console, original);
  }
}

function printTable(issues) {
  const rows = issues.map((i) => [
    i.severity?.name ?? '?',
    i.confidence?.name ?? '?',
    i.id,
    i.file === 'N/A' ? '(whole app)' : `${i.file}:${i.location?.line ?? 0}`,
    `${i.manualReview ? '[review] ' : ''}${String(i.description ?? '').split('\n')[0].slice(0, 70)}`,
  ]);
  const head = ['SEVERITY', 'CONFIDENCE', 'CHECK', 'WHERE', 'WHAT'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main() {
  let run;
  try {
    const mod = require('@doyensec/electronegativity');
    run = mod.default ?? mod;
    if (typeof run !== 'function') throw new Error('its module exports no runner function');
  } catch (error) {
    fail(`could not load @doyensec/electronegativity (${error instanceof Error ? error.message : String(error)}). Run npm install.`);
  }
  // Its messages come from locale files picked by LANG; pin it so output is the same everywhere.
  process.env.LANG = 'en-US';
  const version = electronVersion();
  const sources = ['main', 'preload'].filter((folder) => existsSync(path.join(root, folder)));
  if (sources.length === 0) fail('neither main/ nor preload/ exists.');

  const inputs = [{ label: 'sources', folders: sources }];
  const issues = [];
  for (let index = 0; index < inputs.length; index++) {
    const { label, folders } = inputs[index];
    const dir = stage(folders);
    let result;
    try {
      result = await scan(run, dir, version);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!result || !Array.isArray(result.issues) || !Array.isArray(result.errors)) {
      fail(`the tool returned no result for the ${label}.`);
    }
    const unparsed = result.errors.filter((e) => !e.tolerable);
    for (const e of unparsed) console.error(`electronegativity: could not parse ${e.file}: ${e.message}`);
    issues.push(...result.issues);
    console.log(`electronegativity: ${label} (${folders.join(', ')}): ${result.globalChecks} global and ${result.atomicChecks} atomic checks, ${result.issues.length} findings, ${unparsed.length} unparsed files.`);
    if (unparsed.length > 0) {
      if (label !== 'sources') fail(`the built files could not be parsed either; nothing is verified.`);
      const built = ['out/main', 'out/preload'].filter((folder) => existsSync(path.join(root, folder)));
      if (built.length === 0) fail('some sources could not be parsed and there is no build (out/) to scan instead. Run `npm run build` first.');
      inputs.push({ label: 'build', folders: built });
    }
  }

  // The same global finding can come from both runs; show it once.
  const unique = [...new Map(issues.map((i) => [`${i.id}|${i.file}|${i.location?.line}|${i.location?.column}`, i])).values()];
  unique.sort((a, b) => (b.severity?.value ?? 0) - (a.severity?.value ?? 0) || String(a.id).localeCompare(String(b.id)));
  if (unique.length > 0) printTable(unique);
  const high = unique.filter((i) => i.severity?.name === 'HIGH');
  if (high.length > 0) {
    console.error(`\nelectronegativity: ${high.length} HIGH severity finding(s). Fix them (see https://github.com/doyensec/electronegativity/wiki).`);
    process.exit(1);
  }
  console.log(`\nelectronegativity: no HIGH severity findings${unique.length ? ` (${unique.length} lower ones listed above for review)` : ''}.`);
}

const timer = setTimeout(() => fail(`the tool did not finish within ${TIMEOUT_MS / 1000} s.`), TIMEOUT_MS);
timer.unref();
main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error) => fail(`the tool crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));

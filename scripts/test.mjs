#!/usr/bin/env node
// `npm test`: the whole suite, as CI runs it. Typecheck and lint, build, then vitest (unit +
// integration) and Playwright (e2e in Debian's Chromium), both inside a private D-Bus
// session with a real gnome-keyring. Ends with one line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const passthrough = args.filter((a, i) => a !== '--only' && args[i - 1] !== '--only');
const results = { passed: 0, failed: 0, skipped: 0 };
const skippedReasons = [];
const workerCrashes = [];
let ok = true;

function run(title, command, commandArgs, env = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`--- ${title}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (result.status !== 0) ok = false;
  return result.status === 0;
}

/** The files a worker was running when it died, when the death is all that failed the run. */
function crashedFiles(passed, report, summary) {
  if (passed || !report || !summary || report.numFailedTests !== 0) return [];
  const deaths = summary.errors.filter((e) => /Worker exited unexpectedly/.test(`${e.message} ${e.cause}`));
  if (!deaths.length || deaths.length !== summary.errors.length) return [];
  const files = summary.modules.filter((m) => m.state !== 'passed' && m.state !== 'skipped').map((m) => m.file);
  return files.length === deaths.length ? files : [];
}

function readJson(file) {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

mkdirSync('test-results', { recursive: true });

if (!only) {
  run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('lint', 'npm', ['run', '--silent', 'lint']);
}
if (!only || only === 'e2e') run('build', 'npm', ['run', '--silent', 'build']);

if (!only || only === 'vitest') {
  const vitest = (title, files) => {
    const passed = run(title, 'scripts/with-keyring.sh', [
      'npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json', '--reporter=./scripts/vitest-run-errors.mjs', ...files,
    ]);
    return { passed, report: readJson('test-results/vitest.json'), run: readJson('test-results/vitest-run-errors.json') };
  };
  // What typecheck, lint and the build said: a rerun below may clear vitest's failure, not theirs.
  const okBefore = ok;
  let { passed, report, run: summary } = vitest('unit + integration (vitest)', passthrough);
  // A test process that dies after its file's tests all passed (a native library crashing as
  // the process ends) fails the run with nothing failed in it. Those files, and only when that
  // is the run's only error, are run once more and named below: a second death fails the run.
  const crashed = crashedFiles(passed, report, summary);
  if (crashed.length) {
    ok = okBefore;
    console.log(`\nA vitest worker exited unexpectedly while running ${crashed.join(', ')}, with no test failed. Running ${crashed.length === 1 ? 'it' : 'them'} once more.`);
    const again = vitest('vitest: the files whose worker died, again', crashed);
    const recovered = again.passed && again.report?.numFailedTests === 0;
    workerCrashes.push(`${crashed.join(', ')}: the worker exited unexpectedly; ${recovered ? 'passed when run again' : 'failed again'}`);
    if (!recovered) {
      ok = false;
      results.failed += crashed.length;
    }
    if (again.report) {
      // The rerun's tests replace the crashed files' tests of the first report.
      const rerun = new Set(crashed);
      report.testResults = [...(report.testResults ?? []).filter((f) => !rerun.has(f.name)), ...(again.report.testResults ?? [])];
      for (const key of ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests']) report[key] = 0;
      for (const file of report.testResults) {
        for (const t of file.assertionResults ?? []) {
          if (t.status === 'passed') report.numPassedTests += 1;
          else if (t.status === 'failed') report.numFailedTests += 1;
          else if (t.status === 'todo') report.numTodoTests += 1;
          else report.numPendingTests += 1;
        }
      }
    }
  }
  if (report) {
    results.passed += report.numPassedTests ?? 0;
    results.failed += report.numFailedTests ?? 0;
    results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      for (const t of file.assertionResults ?? []) {
        if (t.status === 'skipped' || t.status === 'pending') skippedReasons.push(`${t.fullName}`);
      }
    }
  } else if (!ok) results.failed += 1;
}

if (!only || only === 'e2e') {
  run('end to end (Playwright, Chromium)', 'scripts/with-keyring.sh', ['npx', 'playwright', 'test', ...(only === 'e2e' ? passthrough : [])], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json',
  });
  const report = readJson('test-results/playwright.json');
  if (report?.stats) {
    results.passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
    results.failed += report.stats.unexpected ?? 0;
    results.skipped += report.stats.skipped ?? 0;
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status === 'skipped') {
            const reason = t.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
            skippedReasons.push(`${spec.title}: ${reason}`);
          }
        }
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of report.suites ?? []) walk(suite);
  }
}

if (skippedReasons.length) {
  console.log('\nSkipped tests:');
  for (const r of skippedReasons) console.log(`  - ${r}`);
}
if (workerCrashes.length) {
  console.log('\nWorker crashes:');
  for (const c of workerCrashes) console.log(`  - ${c}`);
}
console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(ok && results.failed === 0 ? 0 : 1);

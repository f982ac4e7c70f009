/**
 * Benchmark (not a test): how much memory a big sync takes. The built `seatwise` runs
 * `profiles publish` (the first sync) of a SCIM app (the custom connector's preset) with
 * 1,000,000 users in pages of 100, against the SCIM simulator in a worker thread of this
 * process, so the figure is the CLI's alone. Peak RSS is the child's own
 * `process.resourceUsage().maxRSS` at exit, written by a `--require` hook (a file outside the
 * product), since a parent cannot read a child's peak after it has gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSeatwise, type ServedSeatwise } from '../e2e/helpers/serve.js';
import { ensureFreshCli, inKeyring, ok, seatwise } from './cli-process.js';
import { launchChromium } from './renderer.bench.js';
import { hostSimulator, type HostedSimulator } from './sync-simulator-host.js';
import type { RatioBenchResult } from './sync.bench.js';

const SUBSCRIPTIONS = 1_000_000;
const RSS_TARGET_MIB = 1024;
const IN_VIEW = 200_000;
const VIEW_TARGET_MIB = 500;

/** A `--require` hook that writes the process's peak RSS (KiB) to $SEATWISE_BENCH_RSS at exit. */
function rssHook(dir: string): string {
  const file = path.join(dir, 'peak-rss.cjs');
  fs.writeFileSync(file, "process.on('exit', () => require('node:fs').writeFileSync(process.env.SEATWISE_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");
  return file;
}

/** A draft SCIM profile ("Big SCIM") on the simulator, its token in the keychain. */
async function addScimProfile(dataDir: string, sim: HostedSimulator): Promise<void> {
  ok('profiles add', await seatwise(dataDir, ['profiles', 'add', '--vendor', 'custom', '--preset', 'scim', '--name', 'Big SCIM', '--auth', 'token', '--url', sim.info.url, '--secret-stdin'], { stdin: `${sim.info.token}\n` }));
}

export async function benchSyncMemory(): Promise<RatioBenchResult[]> {
  const hosted = inKeyring('benchSyncMemory');
  if (hosted) return hosted;
  ensureFreshCli();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-bench-memory-'));
  const sim = await hostSimulator({ vendor: 'scim', seats: SUBSCRIPTIONS, latencyMs: 0 });
  try {
    const hook = rssHook(base);
    const rssFile = path.join(base, 'rss');
    const dataDir = path.join(base, 'data');
    await addScimProfile(dataDir, sim);
    const weighed = async (step: string, args: string[]): Promise<{ ms: number; peakMiB: number; summary: string }> => {
      fs.rmSync(rssFile, { force: true });
      const ran = ok(step, await seatwise(dataDir, args, { nodeArgs: ['--require', hook], env: { SEATWISE_BENCH_RSS: rssFile } }));
      const job = JSON.parse(ran.stdout) as { status: string; subscriptions: number };
      if (job.status !== 'succeeded' || job.subscriptions !== SUBSCRIPTIONS) throw new Error(`seatwise ${step} ended ${job.status} with ${job.subscriptions} subscriptions`);
      return { ms: ran.ms, peakMiB: Math.round(Number(fs.readFileSync(rssFile, 'utf8')) / 1024), summary: `${job.subscriptions.toLocaleString('en-US')} subscriptions` };
    };
    // The first sync builds every record; the repeat also holds the previous snapshot it merges with.
    const first = await weighed('profiles publish', ['profiles', 'publish', 'Big SCIM', '--json']);
    const repeat = await weighed('sync', ['sync', 'Big SCIM', '--json']);
    const snapshotMiB = Math.round(fs.readdirSync(path.join(dataDir, 'profiles')).map((id) => fs.statSync(path.join(dataDir, 'profiles', id, 'snapshot.json')).size).reduce((a, b) => a + b, 0) / 2 ** 20);
    return (
      [
        ['first sync (profiles publish)', first],
        ['repeat sync', repeat],
      ] as const
    ).map(([what, r]) => ({
      name: `peak RSS, CLI ${what} of ${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions (SCIM preset, pages of 100)`,
      medianMs: Math.round(r.ms),
      runs: 1,
      target: Number.POSITIVE_INFINITY,
      peakRssMiB: r.peakMiB,
      rssTargetMiB: RSS_TARGET_MIB,
      detail: `${r.summary}, ${SUBSCRIPTIONS / 100} pages; snapshot.json ${snapshotMiB} MiB; the simulator runs in a worker thread of the benchmark, not in the CLI`,
    }));
  } finally {
    await sim.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** A process's peak resident set (VmHWM), MiB. */
function peakMiBOf(pid: number): number {
  const kib = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kib) / 1024);
}

function parentOf(pid: number): number {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/** Chromium's renderer processes started under this process (the browser it launched). */
function rendererPids(): number[] {
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = parentOf(p), hops++) if (p === process.pid) return true;
    return false;
  };
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') && mine(pid);
      } catch {
        return false;
      }
    });
}

export async function benchViewMemory(): Promise<RatioBenchResult[]> {
  const hosted = inKeyring('benchViewMemory');
  if (hosted) return hosted;
  ensureFreshCli();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-bench-view-'));
  const sim = await hostSimulator({ vendor: 'scim', seats: IN_VIEW, latencyMs: 0 });
  let served: ServedSeatwise | undefined;
  const browser = await launchChromium();
  try {
    const dataDir = path.join(base, 'data');
    await addScimProfile(dataDir, sim);
    ok('profiles publish', await seatwise(dataDir, ['profiles', 'publish', 'Big SCIM', '--json']));
    served = await startSeatwise(['serve', '--port', '0'], dataDir);
    const t0 = performance.now();
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.getByRole('link', { name: 'Big SCIM' }).click();
    await page.getByText(`${IN_VIEW.toLocaleString('en-US')} members`).waitFor({ timeout: 120_000 });
    await page.locator('[role="region"][aria-label^="Seats table"] tbody tr').first().waitFor();
    const ms = performance.now() - t0;
    const host = peakMiBOf(served.pid);
    const renderers = rendererPids().map(peakMiBOf);
    const renderer = Math.max(...renderers);
    return [
      {
        name: `peak RSS, the app holding ${IN_VIEW.toLocaleString('en-US')} seats in view (seatwise serve + the Chromium renderer)`,
        medianMs: Math.round(ms),
        runs: 1,
        target: Number.POSITIVE_INFINITY,
        peakRssMiB: host + renderer,
        rssTargetMiB: VIEW_TARGET_MIB,
        detail: `host process ${host} MiB + renderer ${renderer} MiB (${renderers.length} renderer process(es)); time = from opening the page to the seats table showing every seat`,
      },
    ];
  } finally {
    await browser.close();
    await served?.stop();
    await sim.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

export const benchmarks = [benchSyncMemory, benchViewMemory];

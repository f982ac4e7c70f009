/**
 * Benchmark (not a test): what a person at the command line waits for. The built `seatwise`
 * (bin/seatwise.js over out/main/cli.js) runs as a child process, timed from spawn to exit,
 * against the Asana simulator on this process's thread (the CLI is another process, so the
 * two never share an event loop, as a real vendor's server does not). Called by `npm run bench`.
 *
 *   - first sync (`profiles publish`, which runs the profile's first sync) and repeat sync
 *     (`seatwise sync NAME`), 20,000 members at 20 ms a request, against two floors: the page
 *     chains one after the other (sequence) and side by side (the longer chain alone);
 *   - start-up: `seatwise help` and `seatwise profiles list` against `node -e 0`.
 *
 * A profile's secret goes to the OS keychain, so the sync benchmark runs inside a private
 * keyring session (scripts/with-keyring.sh), re-running this bundle there when it is not yet in one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAsanaSimulator } from '../../connectors/asana/simulator/index.js';
import type { RatioBenchResult } from './sync.bench.js';
import { ensureFreshCli, inKeyring, median, ok, run, seatwise, CLI } from './cli-process.js';

const LATENCY_MS = 20;
const SEATS = 20_000;
const TOKEN = 'bench-cli-asana-token';

interface Chains {
  memberships: number;
  audit: number;
  other: number;
  /** Most requests the simulator held at once. */
  inFlight: number;
}

/** The requests one command made, by chain, from the simulator's log (each entry is an answered request). */
function chainsOf(log: { at: number; path: string }[]): Chains {
  const memberships = log.filter((e) => e.path.includes('/workspace_memberships')).length;
  const audit = log.filter((e) => e.path.includes('/audit_log_events')).length;
  // A request is in flight from `at - latency` (arrival) to `at` (answer).
  const edges = log.flatMap((e) => [
    { t: e.at - LATENCY_MS, d: 1 },
    { t: e.at, d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let inFlight = 0;
  for (const edge of edges) inFlight = Math.max(inFlight, (now += edge.d));
  return { memberships, audit, other: log.length - memberships - audit, inFlight };
}

/**
 * `profiles publish` (the first sync) and `sync` (the repeat: the audit log only since the
 * last sync), each in a fresh data folder per run. Rate limits off: the floors are pages x
 * latency, as in the sync benchmark.
 */
export async function benchCliSync(runs = 3): Promise<RatioBenchResult[]> {
  const hosted = inKeyring('benchCliSync');
  if (hosted) return hosted;
  ensureFreshCli();
  const sim = await startAsanaSimulator({ token: TOKEN, seed: 8, users: SEATS, latencyMs: LATENCY_MS, plan: 'enterprise', knobs: { rateLimit: undefined } });
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-bench-cli-'));
  const first: number[] = [];
  const repeat: number[] = [];
  let firstChains: Chains | undefined;
  let repeatChains: Chains | undefined;
  try {
    // One untimed warm-up round first, as every benchmark here has.
    for (let i = 0; i <= runs; i++) {
      const dataDir = path.join(base, `data-${i}`);
      ok('profiles add', await seatwise(dataDir, ['profiles', 'add', '--vendor', 'asana', '--name', 'Asana', '--auth', 'token', '--url', sim.url, '--secret-stdin'], { stdin: `${TOKEN}\n` }));
      sim.stats.reset();
      const published = ok('profiles publish', await seatwise(dataDir, ['profiles', 'publish', 'Asana', '--json']));
      const publishedChains = chainsOf(sim.stats.log);
      sim.stats.reset();
      const synced = ok('sync', await seatwise(dataDir, ['sync', 'Asana', '--json']));
      const syncedChains = chainsOf(sim.stats.log);
      const summary = JSON.parse(synced.stdout) as { state: string; seats: number; activityAvailable: boolean | null };
      if (summary.state !== 'succeeded' || !summary.activityAvailable) throw new Error(`the repeat sync ended ${summary.state} (activity ${summary.activityAvailable})`);
      if (i === 0) continue;
      first.push(published.ms);
      repeat.push(synced.ms);
      firstChains = publishedChains;
      repeatChains = syncedChains;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await sim.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
  const result = (name: string, times: number[], chains: Chains): RatioBenchResult[] => {
    const medianMs = Math.round(median(times));
    const sideBySide = Math.max(chains.memberships, chains.audit) * LATENCY_MS;
    const sequence = (chains.memberships + chains.audit) * LATENCY_MS;
    const pages = `${chains.memberships} membership + ${chains.audit} audit-log pages (+${chains.other} other requests), at most ${chains.inFlight} in flight`;
    return [
      { name: `CLI ${name}, ${SEATS.toLocaleString('en-US')} Asana members at ${LATENCY_MS} ms, vs side by side`, medianMs, runs, target: Number.POSITIVE_INFINITY, floor: sideBySide, ratio: Number((medianMs / sideBySide).toFixed(2)), ratioTarget: { kind: 'max', value: 1.2 }, detail: pages },
      { name: `CLI ${name}, ${SEATS.toLocaleString('en-US')} Asana members at ${LATENCY_MS} ms, vs in sequence`, medianMs, runs, target: Number.POSITIVE_INFINITY, floor: sequence, ratio: Number((medianMs / sequence).toFixed(2)), detail: pages },
    ];
  };
  return [...result('first sync (profiles publish)', first, firstChains!), ...result('repeat sync', repeat, repeatChains!)];
}

/** `seatwise help` and `seatwise profiles list` (an empty data folder) against `node -e 0`. */
export async function benchCliStartup(runs = 11): Promise<RatioBenchResult[]> {
  ensureFreshCli();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-bench-cli-'));
  try {
    const timed = async (args: string[], command = process.execPath): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const ran = ok(args.join(' '), await run(command, args));
        if (i > 0) times.push(ran.ms);
      }
      return median(times);
    };
    const node = await timed(['-e', '0']);
    const results: RatioBenchResult[] = [];
    for (const args of [['help'], ['profiles', 'list']]) {
      const ms = await timed([CLI, '--data-dir', dataDir, ...args]);
      results.push({
        name: `CLI start-up: seatwise ${args.join(' ')} vs node -e 0`,
        medianMs: Math.round(ms),
        runs,
        target: Number.POSITIVE_INFINITY,
        floor: Math.round(node),
        ratio: Number((ms / node).toFixed(2)),
        ratioTarget: { kind: 'max', value: 2 },
        detail: `node -e 0: ${Math.round(node)} ms`,
      });
    }
    return results;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const benchmarks = [benchCliStartup, benchCliSync];

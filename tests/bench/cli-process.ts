/**
 * The built `seatwise` as a child process, for the benchmarks that time (or weigh) what a person
 * at the command line waits for: the bundle kept fresh, a spawn timed from start to exit, and a
 * private keyring session for the benchmarks whose profiles keep a secret.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RatioBenchResult } from './sync.bench.js';

export const ROOT = process.cwd();
export const CLI = path.join(ROOT, 'bin', 'seatwise.js');
const BUILT = path.join(ROOT, 'out', 'main', 'cli.js');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|tsx|mjs|js)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The benchmark times the CLI as built: a bundle older than its sources would time old code. */
export function ensureFreshCli(): void {
  const built = fs.statSync(BUILT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...['main', 'connectors', 'preload'].map((d) => newestSource(path.join(ROOT, d))), fs.statSync(path.join(ROOT, 'scripts', 'build.mjs')).mtimeMs);
  if (built >= sources) return;
  console.log('         out/main/cli.js is missing or older than its sources: running `npm run build` first.');
  const ran = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (ran.status !== 0) throw new Error('npm run build failed');
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(command: string, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, SEATWISE_SECRET: '', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * `seatwise --data-dir DIR ...args`; `nodeArgs` go to Node before the script (e.g. `--require`),
 * and so do the words of $SEATWISE_BENCH_NODE_ARGS, to profile what is timed
 * (`SEATWISE_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`).
 */
export const seatwise = (dataDir: string, args: string[], options?: { stdin?: string; nodeArgs?: string[]; env?: Record<string, string> }): Promise<Ran> =>
  run(process.execPath, [...(process.env.SEATWISE_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(options?.nodeArgs ?? []), CLI, '--data-dir', dataDir, ...args], options);

export function ok(step: string, ran: Ran): Ran {
  if (ran.code !== 0) throw new Error(`seatwise ${step} exited ${ran.code}: ${ran.stderr.trim().slice(0, 400)}`);
  return ran;
}

/**
 * Runs the named benchmark again inside a private keyring session and hands back its results,
 * unless this process is already in one.
 */
export function inKeyring(name: string): RatioBenchResult[] | undefined {
  if (process.env.SEATWISE_IN_KEYRING) return undefined;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-bench-cli-')), 'results.json');
  try {
    const entry = process.argv[1]!;
    const ran = spawnSync(path.join(ROOT, 'scripts', 'with-keyring.sh'), [process.execPath, '--enable-source-maps', '--expose-gc', entry, '--only', name, '--json', out], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (!fs.existsSync(out)) throw new Error(`the benchmark in a keyring session exited ${ran.status} without results`);
    return (JSON.parse(fs.readFileSync(out, 'utf8')) as { results: RatioBenchResult[] }).results;
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

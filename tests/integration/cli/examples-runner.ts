/**
 * Runs documented command lines (README, `seatwise help`) the way a person types them: in
 * bash, with `seatwise` on the PATH, in a scratch folder, with a HOME of its own (so the
 * default data folder is a temporary one) and no SEATWISE_DATA_DIR unless the line sets it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertBuilt, cliEntry, repoRoot } from '../../helpers/cli.js';

export interface LineResult {
  line: string;
  code: number | null;
  /** The signal that ended it, when one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface World {
  /** HOME of the lines; its .config/Seatwise is the default data folder. */
  home: string;
  /** The folder lines run in (relative output files land here). */
  cwd: string;
  /** Holds the `seatwise` and `xdg-open` shims. */
  bin: string;
  env: Record<string, string>;
}

/** `seatwise` runs the built CLI; `xdg-open` follows a sign-in address to its loopback callback, as a browser would. */
export function makeWorld(root: string, env: Record<string, string> = {}): World {
  assertBuilt();
  const home = path.join(root, 'home');
  const cwd = path.join(root, 'work');
  const bin = path.join(root, 'bin');
  for (const dir of [home, cwd, bin, path.join(home, '.config', 'fish', 'completions')]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(bin, 'seatwise'), `#!/bin/sh\nexec "${process.execPath}" "${cliEntry}" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!${process.execPath}\n(${followSignIn.toString()})(process.argv[2]);\n`, { mode: 0o755 });
  return { home, cwd, bin, env };
}

/**
 * What a browser does with a sign-in address at a simulator that approves at once: follows its
 * redirects to the loopback callback and opens that. Self-contained: it is also the source of
 * the `xdg-open` shim.
 */
export async function followSignIn(address: string): Promise<void> {
  let url = address;
  for (let hop = 0; hop < 10 && url; hop++) {
    const response = await fetch(url, { redirect: 'manual' });
    const next = response.headers.get('location');
    await response.arrayBuffer().catch(() => undefined);
    if (!next || response.status < 300 || response.status >= 400) return;
    url = new URL(next, url).href;
  }
}

function baseEnv(world: World, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: world.home, PATH: `${world.bin}:${process.env.PATH ?? ''}`, SEATWISE_SECRET: '', ...world.env, ...extra };
  // The default data folder must be HOME's: nothing outside the world may choose it.
  delete env.XDG_CONFIG_HOME;
  delete env.SEATWISE_DATA_DIR;
  if (extra.SEATWISE_DATA_DIR) env.SEATWISE_DATA_DIR = extra.SEATWISE_DATA_DIR;
  return env;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** A line that runs until stopped (serve, demo, simulators): SIGINT once stdout matches. */
  untilReady?: RegExp;
  /** Called once with each line of stdout that is a web address (connect --no-browser). */
  onUrl?: (url: string) => Promise<void>;
  timeoutMs?: number;
}

/** One line in bash; resolves with its exit code and output. */
export function runLine(world: World, line: string, options: RunOptions = {}): Promise<LineResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], { cwd: options.cwd ?? world.cwd, env: baseEnv(world, options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    const handed = new Set<string>();
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      // The whole group: npm, its shell and the node it starts all get the Ctrl+C a person types.
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`"${line}" did not finish in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (options.untilReady?.test(stdout)) stop();
      if (options.onUrl) {
        for (const url of stdout.split('\n').filter((l) => /^https?:\/\//.test(l.trim()))) {
          if (handed.has(url)) continue;
          handed.add(url);
          options.onUrl(url.trim()).catch((error: unknown) => {
            stderr += `\n[test] following ${url} failed: ${(error as Error).message}`;
          });
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ line, code, signal, stdout, stderr });
    });
  });
}

/** The lines of the fenced blocks of one README section, by the block's language. */
export function readmeBlocks(section: string): { lang: string; lines: string[] }[] {
  const text = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = text.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README has no section "${section}".`);
  const next = text.indexOf('\n## ', start + 4);
  const body = text.slice(start, next < 0 ? undefined : next);
  return [...body.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1]!,
    lines: m[2]!.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')),
  }));
}

/** A JavaScript stack frame in output: what a person must never see. */
export const STACK = /\n\s+at .+[(\s].*:\d+:\d+\)?/;

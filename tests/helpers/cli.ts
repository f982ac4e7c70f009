import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliEntry = path.join(repoRoot, 'bin', 'seatwise.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'cli.js'))) {
    throw new Error('The CLI is not built: run "npm run build" (npm test does it first).');
  }
}

/** Runs the real, built `seatwise` as a child process: no standard input unless given. */
export function runCli(args: string[], options: { dataDir: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number }): Promise<CliResult> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, '--data-dir', options.dataDir, ...args], {
      env: { ...process.env, SEATWISE_SECRET: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`seatwise ${args.join(' ')} did not finish in time.\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * Set-up for tests of later commands: an Asana profile added with its token on standard input
 * and published (which runs its first sync), as a script would. Throws with the CLI's words.
 */
export async function addPublishedAsana(dataDir: string, name: string, url: string, token: string): Promise<void> {
  const add = await runCli(['profiles', 'add', '--vendor', 'asana', '--name', name, '--auth', 'token', '--url', url, '--secret-stdin'], { dataDir, stdin: `${token}\n` });
  if (add.code !== 0) throw new Error(`profiles add exited ${add.code}: ${add.stderr}`);
  const publish = await runCli(['profiles', 'publish', name], { dataDir });
  if (publish.code !== 0) throw new Error(`profiles publish exited ${publish.code}: ${publish.stderr}`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ServedSeatwise {
  /** The printed URL, with the one-time token. */
  url: string;
  origin: string;
  /** The `seatwise` process (the benchmarks read its memory). */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the real `seatwise` command (serve or demo) and waits for the URL it prints. */
export function startSeatwise(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<ServedSeatwise> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'bin', 'seatwise.js'), '--data-dir', dataDir, ...args, '--no-open'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`seatwise ${args.join(' ')} printed no URL:\n${out}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const url = match[1];
      resolve({
        url,
        origin: new URL(url).origin,
        pid: child.pid!,
        output: () => out,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGINT');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`seatwise exited with ${code} before printing its URL:\n${out}`));
    });
  });
}

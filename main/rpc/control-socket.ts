/**
 * The running instance's door for the command line: the process that holds a data folder's
 * lock (the app, `seatwise serve`, a long CLI sync) answers contract calls on a local socket,
 * through the same dispatch as IPC and the browser host. So `seatwise profiles list` or a
 * cron `seatwise sync` works while the app is open, instead of failing on the lock.
 *
 * One request per connection: a line of JSON `{"method", "input"}`, answered by one line of
 * JSON (an ApiResult). While the answer is being worked out (a sync can take minutes) the
 * holder sends a space every few seconds, which JSON allows before a value: a caller that hears
 * nothing for much longer knows the holder is stuck, and says so instead of waiting forever. The socket lives in the private data folder (or, where that path is
 * too long for a socket, in the temp folder under a name derived from it) and is readable by
 * its owner only: the same people who can read the data files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ApiResult, SeatwiseService } from '../../preload/contract.js';
import { dispatch } from './dispatch.js';

const SOCKET_FILE = 'seatwise.sock';
/** sun_path holds 108 bytes on Linux, 104 on macOS. */
const MAX_SOCKET_PATH = 100;
/** A request is a method name and its input: a megabyte is far more than any needs. */
const MAX_REQUEST_BYTES = 1024 * 1024;
/** How often the holder says it is still working on an answer. */
export const HEARTBEAT_MS = 5_000;
/** Silence after which a caller gives up on the holder: several heartbeats missed. */
export const SILENCE_MS = 30_000;

export function controlSocketPath(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  const hash = crypto.createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\seatwise-${hash}`;
  const inFolder = path.join(resolved, SOCKET_FILE);
  return Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH ? inFolder : path.join(os.tmpdir(), `seatwise-${hash}.sock`);
}

export interface ControlServer {
  close(): Promise<void>;
}

/**
 * Listens for the data folder's lock holder. Only the lock holder calls this, so a socket
 * file already there was left by a process that died: it is removed first.
 */
export async function startControlServer(
  dataDir: string,
  service: SeatwiseService,
  onInternalError?: (method: string, error: unknown) => void,
  heartbeatMs = HEARTBEAT_MS,
): Promise<ControlServer> {
  const where = controlSocketPath(dataDir);
  if (process.platform !== 'win32') fs.rmSync(where, { force: true });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    let answered = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      if (answered) return;
      buffered += chunk;
      if (buffered.length > MAX_REQUEST_BYTES) {
        answered = true;
        socket.end(JSON.stringify(refusal('The request is too large.')) + '\n');
        return;
      }
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      answered = true;
      const heartbeat = setInterval(() => socket.destroyed || socket.write(' '), heartbeatMs);
      heartbeat.unref();
      void answer(service, buffered.slice(0, end), onInternalError).then((result) => {
        clearInterval(heartbeat);
        if (!socket.destroyed) socket.end(JSON.stringify(result) + '\n');
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (process.platform !== 'win32') fs.chmodSync(where, 0o600);
  server.unref();
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function answer(service: SeatwiseService, line: string, onInternalError?: (method: string, error: unknown) => void): Promise<ApiResult<unknown>> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return refusal('The request is not JSON.');
  }
  const { method, input } = (request ?? {}) as { method?: unknown; input?: unknown };
  if (typeof method !== 'string') return refusal('The request names no method.');
  return dispatch(service, method, input, { checkOutput: true, onInternalError });
}

function refusal(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'invalid_input', message, retryable: false } };
}

/** Whether a running instance answers on the data folder's socket. */
export function controlSocketExists(dataDir: string): boolean {
  const where = controlSocketPath(dataDir);
  return process.platform === 'win32' || fs.existsSync(where);
}

export const silenceFor = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** The holder accepted the call and then said nothing for `silenceMs`. */
export class HolderSilentError extends Error {
  constructor(readonly silenceMs: number) {
    super(`The running Seatwise took the call and then said nothing for ${silenceFor(silenceMs)}.`);
  }
}

/**
 * One contract call to the running instance. Rejects when nobody answers on the socket, or
 * when the holder goes silent (no heartbeat, no answer) for `silenceMs`.
 */
export function callRunning(dataDir: string, method: string, input: unknown, silenceMs = SILENCE_MS): Promise<ApiResult<unknown>> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(controlSocketPath(dataDir));
    let received = '';
    socket.setEncoding('utf8');
    // Counts from the connection attempt, and again from every byte heard.
    socket.setTimeout(silenceMs, () => {
      socket.destroy();
      reject(new HolderSilentError(silenceMs));
    });
    socket.on('connect', () => socket.write(JSON.stringify({ method, input }) + '\n'));
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(JSON.parse(received) as ApiResult<unknown>);
      } catch {
        reject(new Error('The running Seatwise gave no answer.'));
      }
    });
  });
}

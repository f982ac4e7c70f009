/**
 * The command line's call to the process holding the data folder never waits forever: a holder
 * that takes the call and goes silent is given up on, while one that is working on a long
 * answer (a sync) says so with heartbeats and is waited for.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeatwiseService } from '../../../preload/contract.js';
import { callRunning, controlSocketPath, HolderSilentError, startControlServer, type ControlServer } from '../../../main/rpc/control-socket.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const { dir, cleanup } = tempDir('seatwise-sock-');
  cleanups.push(cleanup);
  return dir;
}

/** A service whose profiles:list answers after `ms`. */
const slowService = (ms: number): SeatwiseService =>
  ({ 'profiles:list': () => new Promise((resolve) => setTimeout(() => resolve([]), ms)) }) as unknown as SeatwiseService;

async function serve(dir: string, service: SeatwiseService, heartbeatMs: number): Promise<ControlServer> {
  const server = await startControlServer(dir, service, undefined, heartbeatMs);
  cleanups.push(() => server.close());
  return server;
}

describe('a call to the running Seatwise', () => {
  it('gives up on a holder that takes the call and never answers, and says so', async () => {
    const dir = folder();
    const mute = net.createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => mute.listen(controlSocketPath(dir), resolve));
    cleanups.push(() => new Promise<void>((resolve) => mute.close(() => resolve())));
    const sockets: net.Socket[] = [];
    mute.on('connection', (s) => sockets.push(s));
    cleanups.push(() => sockets.forEach((s) => s.destroy()));

    const error = await callRunning(dir, 'profiles:list', {}, 300).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HolderSilentError);
    expect((error as Error).message).toBe('The running Seatwise took the call and then said nothing for 300 ms.');
    // It did reach the holder: this is silence, not a refused connection.
    expect(sockets).toHaveLength(1);
  });

  it('waits for a long answer while the holder sends heartbeats', async () => {
    const dir = folder();
    await serve(dir, slowService(900), 50);
    await expect(callRunning(dir, 'profiles:list', {}, 300)).resolves.toEqual({ ok: true, value: [] });
  });

  it('without heartbeats the same long answer counts as silence', async () => {
    const dir = folder();
    await serve(dir, slowService(900), 60_000);
    await expect(callRunning(dir, 'profiles:list', {}, 300)).rejects.toBeInstanceOf(HolderSilentError);
  });
});

/** The demo organisation (`seatwise demo`) in a fresh data folder, for the screen tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { rpc } from './rpc.js';
import { startSeatwise, type ServedSeatwise } from './serve.js';

export interface Demo {
  served: ServedSeatwise;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startDemo(name: string): Promise<Demo> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `seatwise-e2e-${name}-`));
  const served = await startSeatwise(['demo'], dataDir);
  return {
    served,
    dataDir,
    async stop() {
      await served.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo profile's id once its first sync has finished (the demo syncs in the background). */
export async function demoProfileId(served: ServedSeatwise, name: string, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const profiles = await rpc<{ id: string; name: string; lastSync?: { status: string } }[]>(served, 'profiles:list', {});
    const profile = profiles.find((p) => p.name === name);
    if (profile?.lastSync?.status === 'succeeded') return profile.id;
    if (Date.now() > deadline) throw new Error(`${name} did not finish its first sync:\n${served.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

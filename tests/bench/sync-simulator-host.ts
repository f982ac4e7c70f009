/**
 * Where the sync benchmark's simulator runs: by default in a worker thread
 * (sync-simulator-worker.ts, bundled next to the benchmark by scripts/bench.mjs), so client and
 * server do not share one event loop; SEATWISE_BENCH_SIM=inline puts it on the benchmark's own
 * thread, to measure what sharing costs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './sync-simulator-worker.js';
import { startBenchSimulator, type BenchSimulatorInfo, type BenchSimulatorSpec } from './sync-simulators.js';

export interface HostedSimulator {
  info: BenchSimulatorInfo;
  /** 'worker' or 'inline': reported with the results. */
  where: 'worker' | 'inline';
  requests(): Promise<number>;
  close(): Promise<void>;
}

/** The bundled worker entry, or undefined when running unbundled (a .ts worker would not load). */
function workerEntry(): URL | undefined {
  const url = new URL('./sync-simulator-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export async function hostSimulator(spec: BenchSimulatorSpec): Promise<HostedSimulator> {
  const entry = process.env.SEATWISE_BENCH_SIM === 'inline' ? undefined : workerEntry();
  if (!entry) {
    const sim = await startBenchSimulator(spec);
    return { info: sim.info, where: 'inline', requests: async () => sim.requests(), close: () => sim.close() };
  }
  const worker = new Worker(entry, { workerData: spec });
  // One question at a time: the benchmark awaits each answer before asking the next.
  const next = (): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: WorkerReply) => {
        worker.off('error', onError);
        resolve(reply);
      });
    });
  const ask = (request: WorkerRequest): Promise<WorkerReply> => {
    const answer = next();
    worker.postMessage(request);
    return answer;
  };
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error(`The ${spec.vendor} simulator worker did not start`);
  return {
    info: ready.info,
    where: 'worker',
    requests: async () => {
      const reply = await ask('requests');
      return reply.kind === 'requests' ? reply.count : Number.NaN;
    },
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}

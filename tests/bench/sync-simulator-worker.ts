/**
 * Worker entry for the sync benchmark: one vendor simulator on its own thread, with its own
 * event loop and heap, so building and serialising pages never queues behind the client's
 * parsing (a real vendor does not share the client's thread either). Speaks plain messages:
 * it posts the simulator's info once listening, answers 'requests' with the count so far,
 * and closes on 'close'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startBenchSimulator, type BenchSimulatorSpec } from './sync-simulators.js';

export type WorkerRequest = 'requests' | 'close';
export type WorkerReply = { kind: 'ready'; info: Awaited<ReturnType<typeof startBenchSimulator>>['info'] } | { kind: 'requests'; count: number } | { kind: 'closed' };

const port = parentPort;
if (!port) throw new Error('sync-simulator-worker runs inside a worker thread');
const sim = await startBenchSimulator(workerData as BenchSimulatorSpec);
const reply = (message: WorkerReply): void => port.postMessage(message);
port.on('message', (message: WorkerRequest) => {
  if (message === 'requests') reply({ kind: 'requests', count: sim.requests() });
  else
    void sim.close().then(() => {
      reply({ kind: 'closed' });
      port.close();
    });
});
reply({ kind: 'ready', info: sim.info });

/**
 * The default for settings.maxParallelSyncs. A sync is network-bound: it spends nearly all its
 * time waiting for the vendor's answer (a 100-seat page costs the client about a millisecond
 * against a vendor's 20 to 300 ms to answer), so one core keeps dozens of runs fed, and a bound
 * at the core count would leave an estate of fifty profiles syncing in waves for no gain. What
 * the vendors allow is kept per vendor account by the shared limiter (main/sync/vendor-limits.ts),
 * whatever this number is. What it bounds is the machine: every run holds its download in
 * memory until it commits (roughly 1 KB a seat, so 64 runs of 5,000 seats hold about 300 MB),
 * and the commits share the one main thread.
 */
import os from 'node:os';
import { MAX_PARALLEL_SYNCS } from '../../preload/contract/settings.js';

/** Runs one core keeps fed while they wait on vendors. */
const RUNS_PER_CORE = 32;
const AT_LEAST = 16;

export function defaultMaxParallelSyncs(cores: number = availableCores()): number {
  return Math.min(MAX_PARALLEL_SYNCS, Math.max(AT_LEAST, RUNS_PER_CORE * Math.max(1, Math.floor(cores))));
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

import type { DataStore } from '../data-store.js';

export interface TransferCounts {
  profiles: number;
  subscriptions: number;
  candidates: number;
  jobs: number;
  directorySources: number;
  auditEvents: number;
}

export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
}

/**
 * Copies everything one store holds into another, empty one: configuration, every profile's
 * snapshot and candidates, job records in their order, the directory and the audit trail as
 * recorded (ids, times, actors). Used both ways, data folder to database and back, so a team
 * can move in and out of a server losing nothing. Credentials are not in a store and do not move.
 */
export async function copyStore(from: DataStore, to: DataStore): Promise<TransferCounts> {
  const [targetJobs, targetAudit] = await Promise.all([to.jobs(), to.audit.read()]);
  if (to.root.profiles.length || to.root.aliases.length || targetJobs.length || targetAudit.length) {
    throw new TargetNotEmptyError('The target already holds data (profiles, jobs or audit events): Seatwise copies only into an empty store, so nothing there is overwritten.');
  }
  const counts: TransferCounts = { profiles: 0, subscriptions: 0, candidates: 0, jobs: 0, directorySources: 0, auditEvents: 0 };
  for (const profile of from.root.profiles) {
    const snapshot = await from.snapshot(profile.id);
    if (snapshot) {
      await to.commitSnapshot(snapshot);
      counts.subscriptions += snapshot.subscriptions.length;
    }
    const candidates = await from.candidates(profile.id);
    if (candidates) {
      await to.saveCandidates(candidates);
      counts.candidates += candidates.candidates.length;
    }
    counts.profiles += 1;
  }
  // Oldest first: each save puts a new record at the top, so the list ends in the same order.
  const jobs = await from.jobs();
  for (const job of [...jobs].reverse()) await to.saveJob(job);
  counts.jobs = jobs.length;
  const directory = structuredClone(await from.directory());
  await to.updateDirectory((file) => {
    file.sources = directory.sources;
  });
  counts.directorySources = directory.sources.length;
  for (const event of await from.audit.read()) {
    await to.audit.appendAsRecorded(event);
    counts.auditEvents += 1;
  }
  // The configuration last: a store whose root names profiles has their data already.
  const root = structuredClone(from.root);
  await to.update((target) => {
    Object.assign(target, root);
  });
  return counts;
}

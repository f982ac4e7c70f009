/** The fields pruning reads; the store's JobResult has them (dates as ISO strings). */
export interface PrunableJob {
  profileId: string;
  startedAt: string | Date;
  state: string;
}

export interface RetentionPolicy {
  maxPerProfile: number;
  maxAgeDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = Object.freeze({ maxPerProfile: 100, maxAgeDays: 90 });

const DAY_MS = 86_400_000;

/**
 * The jobs to keep, in their original order. Per profile: the newest `maxPerProfile`, and of
 * those only the ones younger than `maxAgeDays`. Two exceptions keep the views honest: a queued
 * or running job is never dropped (it is about to be updated), and each profile keeps its newest
 * job however old, so a profile that has not synced for months shows its last sync, not "never".
 * A job with an unreadable date is kept: pruning should never be the thing that loses data by mistake.
 * Pure: `now` is a parameter (pass the scheduler's clock); it defaults to the current time.
 */
export function pruneJobs<T extends PrunableJob>(
  jobs: readonly T[],
  policy: Partial<RetentionPolicy> = {},
  now: Date = new Date(),
): T[] {
  const { maxPerProfile, maxAgeDays } = { ...DEFAULT_RETENTION, ...policy };
  const cutoff = now.getTime() - maxAgeDays * DAY_MS;
  const byProfile = new Map<string, { job: T; time: number }[]>();
  for (const job of jobs) {
    const list = byProfile.get(job.profileId) ?? [];
    list.push({ job, time: new Date(job.startedAt).getTime() });
    byProfile.set(job.profileId, list);
  }

  const keep = new Set<T>();
  for (const list of byProfile.values()) {
    // Newest first; unreadable dates sort last but are kept below regardless.
    const key = (time: number): number => (Number.isNaN(time) ? -Infinity : time);
    const sorted = [...list].sort((a, b) => Math.sign(key(b.time) - key(a.time)) || 0);
    sorted.forEach(({ job, time }, index) => {
      const active = job.state === 'queued' || job.state === 'running';
      const fresh = time >= cutoff && index < maxPerProfile;
      if (active || index === 0 || Number.isNaN(time) || fresh) keep.add(job);
    });
  }
  return jobs.filter((job) => keep.has(job));
}

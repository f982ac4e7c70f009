/** How a list of job results is kept: newest first, one entry per job, at most `limit`. */
import type { JobResult } from '../../types.js';

export function sortJobs(jobs: readonly JobResult[]): JobResult[] {
  return [...jobs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** The list with `job` added, or replacing its earlier state (a run reports several times). */
export function mergeJob(jobs: readonly JobResult[], job: JobResult, limit: number): JobResult[] {
  return sortJobs([job, ...jobs.filter((existing) => existing.id !== job.id)]).slice(0, limit);
}

/**
 * Job results in their four states (loading, error, none yet, the table), shared by the Jobs
 * page (every integration) and a profile record's Jobs tab (one integration).
 */
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { JobsIcon } from '../../components/icons.js';
import type { JobResult } from '../../types.js';
import { JobsTable } from './JobsTable.js';

export interface JobResultsProps {
  status: 'idle' | 'loading' | 'ready' | 'error';
  jobs: JobResult[];
  error: string | null;
  onRetry: () => void;
  /** What the empty state says about when runs happen. */
  emptyText: ReactNode;
  /** Adds the integration column (the Jobs page lists every integration). */
  showProfile?: boolean;
}

export function JobResults({ status, jobs, error, onRetry, emptyText, showProfile = false }: JobResultsProps) {
  if (status === 'error') return <ErrorState title="Seatwise could not load the job results" message={error ?? ''} onRetry={onRetry} />;
  if (status !== 'ready') {
    return (
      <LoadingRegion label="Loading job results…">
        <div className="card card--flush">
          {Array.from({ length: 6 }, (_, index) => (
            <div className="skeleton-row" key={index}>
              <Skeleton width={150} height={12} />
              <Skeleton width={showProfile ? 140 : 80} height={12} />
              <Skeleton width={90} height={20} className="skeleton--pill" />
              <Skeleton width={60} height={12} />
              <Skeleton width={220} height={12} />
            </div>
          ))}
        </div>
      </LoadingRegion>
    );
  }
  if (jobs.length === 0) {
    return (
      <div className="card">
        <EmptyState
          art={
            <span className="empty-icon">
              <JobsIcon size={28} />
            </span>
          }
          title="No runs yet"
        >
          <p>{emptyText}</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <section className="card card--flush" aria-label="Job results">
      <JobsTable jobs={jobs} showProfile={showProfile} />
    </section>
  );
}

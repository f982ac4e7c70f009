import { useEffect } from 'react';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { JobsIcon } from '../../components/icons.js';
import type { ProfileDetail } from '../../types.js';
import { JobsTable } from './JobsTable.js';
import { useProfileStore } from './store.js';

export function JobsTab({ profile }: { profile: ProfileDetail }) {
  const status = useProfileStore((state) => state.jobsStatus);
  const jobs = useProfileStore((state) => state.jobs);
  const error = useProfileStore((state) => state.jobsError);
  const loadJobs = useProfileStore((state) => state.loadJobs);

  useEffect(() => {
    void loadJobs();
  }, [profile.id, loadJobs]);

  if (status === 'error') return <ErrorState title="Seatwise could not load the job results" message={error ?? ''} onRetry={() => void loadJobs()} />;
  if (status !== 'ready') {
    return (
      <LoadingRegion label="Loading job results…">
        <div className="card card--flush">
          {Array.from({ length: 5 }, (_, index) => (
            <div className="skeleton-row" key={index}>
              <Skeleton width={150} height={12} />
              <Skeleton width={80} height={12} />
              <Skeleton width={90} height={20} className="skeleton--pill" />
              <Skeleton width={60} height={12} />
              <Skeleton width={200} height={12} />
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
          <p>
            Every sync of {profile.name}, whether on publish, on schedule or from Sync now, leaves a result here: when it ran, how long
            each phase took, what it counted and any error.
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <section className="card card--flush" aria-label="Job results">
      <JobsTable jobs={jobs} />
    </section>
  );
}

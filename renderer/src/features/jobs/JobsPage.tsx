import { useEffect } from 'react';
import { Page } from '../../components/Page.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { JobsIcon } from '../../components/icons.js';
import { JobsTable } from '../profile/JobsTable.js';
import { useJobsStore } from './store.js';

export function JobsPage() {
  const status = useJobsStore((state) => state.status);
  const jobs = useJobsStore((state) => state.jobs);
  const error = useJobsStore((state) => state.error);
  const load = useJobsStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Page
      title="Jobs"
      subtitle="Every sync of every integration: what started it, how long each phase took, what it found and what went wrong."
      focusKey="jobs"
    >
      {status === 'error' ? (
        <ErrorState title="Seatwise could not load the job results" message={error ?? ''} onRetry={() => void load()} />
      ) : status !== 'ready' ? (
        <LoadingRegion label="Loading job results…">
          <div className="card card--flush">
            {Array.from({ length: 6 }, (_, index) => (
              <div className="skeleton-row" key={index}>
                <Skeleton width={150} height={12} />
                <Skeleton width={140} height={12} />
                <Skeleton width={90} height={20} className="skeleton--pill" />
                <Skeleton width={60} height={12} />
                <Skeleton width={220} height={12} />
              </div>
            ))}
          </div>
        </LoadingRegion>
      ) : jobs.length === 0 ? (
        <div className="card">
          <EmptyState
            art={
              <span className="empty-icon">
                <JobsIcon size={28} />
              </span>
            }
            title="No runs yet"
          >
            <p>Publishing an integration runs its first sync; after that each integration syncs daily and whenever you press Sync now.</p>
          </EmptyState>
        </div>
      ) : (
        <section className="card card--flush" aria-label="Job results">
          <JobsTable jobs={jobs} showProfile />
        </section>
      )}
    </Page>
  );
}

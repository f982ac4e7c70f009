import { useEffect } from 'react';
import { Page } from '../../components/Page.js';
import { JobResults } from './JobResults.js';
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
      <JobResults
        status={status}
        jobs={jobs}
        error={error}
        onRetry={() => void load()}
        emptyText="Publishing an integration runs its first sync; after that each integration syncs daily and whenever you press Sync now."
        showProfile
      />
    </Page>
  );
}

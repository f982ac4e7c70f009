import { useEffect } from 'react';
import type { ProfileDetail } from '../../types.js';
import { JobResults } from '../jobs/JobResults.js';
import { ScheduleCard } from '../schedule/ScheduleCard.js';
import { useProfileStore } from './store.js';

export function JobsTab({ profile }: { profile: ProfileDetail }) {
  const status = useProfileStore((state) => state.jobsStatus);
  const jobs = useProfileStore((state) => state.jobs);
  const error = useProfileStore((state) => state.jobsError);
  const loadJobs = useProfileStore((state) => state.loadJobs);

  useEffect(() => {
    void loadJobs();
  }, [profile.id, loadJobs]);

  return (
    <>
      <ScheduleCard profile={profile} />
      <JobResults
        status={status}
        jobs={jobs}
        error={error}
        onRetry={() => void loadJobs()}
        emptyText={`Every sync of ${profile.name}, whether on publish, on schedule or from Sync now, leaves a result here: when it ran, how long each phase took, what it counted and any error.`}
      />
    </>
  );
}

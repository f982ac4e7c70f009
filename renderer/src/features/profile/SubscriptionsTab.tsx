import { useEffect } from 'react';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { UsersIcon } from '../../components/icons.js';
import type { ProfileDetail } from '../../types.js';
import { SyncButton } from '../sync/SyncControls.js';
import { SubscriptionsTable } from './SubscriptionsTable.js';
import { useSubscriptionsStore } from './subscriptions-store.js';

export function SubscriptionsTab({ profile }: { profile: ProfileDetail }) {
  const status = useSubscriptionsStore((state) => state.status);
  const rows = useSubscriptionsStore((state) => state.rows);
  const error = useSubscriptionsStore((state) => state.error);
  const loadedFor = useSubscriptionsStore((state) => state.profileId);
  const load = useSubscriptionsStore((state) => state.load);

  useEffect(() => {
    void load(profile.id);
  }, [profile.id, load]);

  if (loadedFor !== profile.id || status === 'loading' || status === 'idle') return <TableSkeleton />;
  if (status === 'error') {
    return <ErrorState title="Seatwise could not load the seats" message={error ?? ''} onRetry={() => void load(profile.id, { force: true })} />;
  }
  if (rows.length === 0) {
    const draft = profile.status === 'draft';
    return (
      <div className="card">
        <EmptyState
          art={
            <span className="empty-icon">
              <UsersIcon size={28} />
            </span>
          }
          title={draft ? 'Seats appear once the integration is published' : 'No seats downloaded yet'}
          actions={draft ? null : <SyncButton profileId={profile.id} profileName={profile.name} size="md" variant="primary" />}
        >
          <p>
            {draft
              ? 'Publishing checks the connection and downloads every seat, with its license type and last activity.'
              : profile.lastSync?.status === 'failed'
                ? `The last sync failed${profile.lastSync.error ? `: ${profile.lastSync.error}` : '.'} Fix the connection, then sync again.`
                : 'Run a sync to download who holds a seat, their license type and when they last used it.'}
          </p>
        </EmptyState>
      </div>
    );
  }
  return <SubscriptionsTable rows={rows} showOrg={profile.orgs > 1} activityAvailable={profile.activityAvailable} />;
}

function TableSkeleton() {
  return (
    <LoadingRegion label="Loading seats…">
      <div className="table-toolbar">
        <Skeleton width={320} height={36} className="skeleton--input" />
        <Skeleton width={180} height={36} className="skeleton--input" />
        <Skeleton width={180} height={36} className="skeleton--input" />
      </div>
      <div className="card card--flush">
        {Array.from({ length: 8 }, (_, index) => (
          <div className="skeleton-row" key={index}>
            <div className="skeleton-row__stack">
              <Skeleton width={160} height={12} />
              <Skeleton width={200} height={10} />
            </div>
            <Skeleton width={110} height={12} />
            <Skeleton width={70} height={12} />
            <Skeleton width={90} height={12} />
            <Skeleton width={40} height={12} />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

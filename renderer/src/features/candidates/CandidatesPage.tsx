/** The Candidates section (every integration) and the profile record's Candidates tab. */
import { useEffect } from 'react';
import './candidates.css';
import { ButtonLink } from '../../components/Button.js';
import { CandidatesIcon } from '../../components/icons.js';
import { Page } from '../../components/Page.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { href } from '../../router.js';
import { CandidatesTable } from './CandidatesTable.js';
import { useCandidatesStore, type CandidatesScope } from './store.js';

export function CandidatesPage() {
  return (
    <Page title="Candidates" subtitle="Seats nobody has used for longer than their rule allows, or held by people who have left, and what each one costs." focusKey="candidates">
      <CandidatesView scope={null} />
    </Page>
  );
}

/** The list for a scope: every integration (null) or one profile. */
export function CandidatesView({ scope }: { scope: CandidatesScope }) {
  const status = useCandidatesStore((state) => state.status);
  const rows = useCandidatesStore((state) => state.rows);
  const error = useCandidatesStore((state) => state.error);
  const loadedFor = useCandidatesStore((state) => state.scope);
  const load = useCandidatesStore((state) => state.load);

  useEffect(() => {
    void load(scope);
  }, [scope, load]);

  if (loadedFor !== scope || status === 'loading' || status === 'idle') return <CandidatesSkeleton />;
  if (status === 'error') {
    return <ErrorState title="Seatwise could not load the candidates" message={error ?? ''} onRetry={() => void load(scope, { force: true })} />;
  }
  if (rows.length === 0) {
    return (
      <div className="card">
        <EmptyState
          art={
            <span className="empty-icon">
              <CandidatesIcon size={28} />
            </span>
          }
          title={scope ? 'No seats to reclaim here' : 'No seats to reclaim yet'}
          actions={
            scope ? null : (
              <ButtonLink href={href({ name: 'home' })} variant="primary">
                See your integrations
              </ButtonLink>
            )
          }
        >
          <p>
            A candidate is one person holding a paid seat past its rule’s inactivity threshold (60 days by default). Candidates appear after a sync; people who come back
            resolve on their own.
          </p>
        </EmptyState>
      </div>
    );
  }
  return <CandidatesTable rows={rows} profileScoped={scope !== null} />;
}

function CandidatesSkeleton() {
  return (
    <LoadingRegion label="Loading candidates…">
      <div className="table-toolbar">
        <Skeleton width={320} height={36} className="skeleton--input" />
        <Skeleton width={160} height={36} className="skeleton--input" />
        <Skeleton width={160} height={36} className="skeleton--input" />
        <Skeleton width={160} height={36} className="skeleton--input" />
      </div>
      <div className="card card--flush">
        {Array.from({ length: 8 }, (_, index) => (
          <div className="skeleton-row" key={index}>
            <Skeleton width={16} height={16} />
            <div className="skeleton-row__stack">
              <Skeleton width={160} height={12} />
              <Skeleton width={200} height={10} />
            </div>
            <Skeleton width={110} height={12} />
            <Skeleton width={70} height={12} />
            <Skeleton width={90} height={12} />
            <Skeleton width={60} height={20} />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

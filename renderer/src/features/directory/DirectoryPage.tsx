/**
 * Directory: who works here, merged by email from identity provider integrations (Okta,
 * Microsoft Entra ID, read at their sync) and HR rosters (CSV files imported here). Its leavers
 * make candidates in every integration; a seat whose email it does not know is an orphan.
 */
// The dialogs' look (backdrop, title, actions) is the candidates export's, as the audit's is.
import '../candidates/candidates.css';
import './directory.css';
import { ButtonLink } from '../../components/Button.js';
import { DirectoryIcon } from '../../components/icons.js';
import { Page } from '../../components/Page.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { useLiveLoad } from '../../lib/useLiveLoad.js';
import { href } from '../../router.js';
import { ImportRosterButton } from './ImportRosterDialog.js';
import { PeopleTable } from './PeopleTable.js';
import { SourcesSection } from './SourcesSection.js';
import { useDirectoryStore } from './store.js';

export function DirectoryPage() {
  const status = useDirectoryStore((state) => state.status);
  const sources = useDirectoryStore((state) => state.sources);
  const error = useDirectoryStore((state) => state.error);
  const load = useDirectoryStore((state) => state.load);
  const announcement = useDirectoryStore((state) => state.announcement);

  // An identity provider's sync rewrites its source: reload with every profile change.
  useLiveLoad(load);

  const empty = status === 'ready' && sources.length === 0;

  return (
    <Page
      title="Directory"
      subtitle="Who works here, from your identity providers and HR rosters. Leavers’ seats become candidates in every integration; seats nobody here knows are orphans."
      actions={status === 'ready' && !empty ? <ImportRosterButton /> : null}
      focusKey="directory"
    >
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="directory-announcer">
        {announcement}
      </p>
      {status === 'error' ? (
        <ErrorState title="Seatwise could not read the directory" message={error ?? ''} onRetry={() => void load()} />
      ) : status === 'ready' ? (
        empty ? (
          <DirectoryEmpty />
        ) : (
          <>
            <SourcesSection />
            <PeopleTable />
          </>
        )
      ) : (
        <DirectorySkeleton />
      )}
    </Page>
  );
}

function DirectoryEmpty() {
  return (
    <div className="card">
      <EmptyState
        art={
          <span className="empty-icon">
            <DirectoryIcon size={28} />
          </span>
        }
        title="No directory yet"
        actions={
          <>
            <ImportRosterButton variant="primary" />
            <ButtonLink href={href({ name: 'new' })}>Add Okta or Entra ID</ButtonLink>
          </>
        }
      >
        <p>
          Seatwise learns who works here from an Okta or Microsoft Entra ID integration, read at each sync, or from an HR roster you import as a CSV file. People
          marked suspended or deprovisioned, or past their end date, are leavers: their seats become candidates in every integration. Seats held by an email no
          source knows show as orphans.
        </p>
      </EmptyState>
    </div>
  );
}

function DirectorySkeleton() {
  return (
    <LoadingRegion label="Loading the directory…">
      <div className="card card--flush">
        {Array.from({ length: 2 }, (_, index) => (
          <div className="skeleton-row" key={index}>
            <Skeleton width={180} height={12} />
            <Skeleton width={90} height={12} />
            <Skeleton width={60} height={12} />
            <Skeleton width={120} height={12} />
          </div>
        ))}
      </div>
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
            <Skeleton width={90} height={20} />
            <Skeleton width={110} height={12} />
            <Skeleton width={90} height={12} />
            <Skeleton width={140} height={12} />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

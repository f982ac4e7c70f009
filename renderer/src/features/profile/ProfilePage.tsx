import { useEffect, type ReactNode } from 'react';
import { Button, ButtonLink } from '../../components/Button.js';
import { Page } from '../../components/Page.js';
import { Banner, EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { StatusPill } from '../../components/StatusPill.js';
import { VendorMark } from '../../components/VendorMark.js';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format.js';
import { profileStatus } from '../../lib/status.js';
import { useNow } from '../../lib/useNow.js';
import { vendorLook } from '../../lib/vendors.js';
import { DEFAULT_PROFILE_TAB, href, navigate } from '../../router.js';
import type { ProfileDetail } from '../../types.js';
import { CancelSyncButton, SyncButton, SyncPanel } from '../sync/SyncControls.js';
import { ImportExportButton } from './ImportExportButton.js';
import { SavingsStat } from '../../components/SavingsStat.js';
import { useProfileStore } from './store.js';
import { findTab, PROFILE_TABS } from './tabs.js';

export function ProfilePage({ id, tab }: { id: string; tab: string }) {
  const status = useProfileStore((state) => state.status);
  const profile = useProfileStore((state) => state.profile);
  const loadedId = useProfileStore((state) => state.profileId);
  const error = useProfileStore((state) => state.error);
  const open = useProfileStore((state) => state.open);

  useEffect(() => {
    void open(id);
  }, [id, open]);

  const activeTab = findTab(tab);
  useEffect(() => {
    if (!activeTab) navigate({ name: 'profile', id, tab: DEFAULT_PROFILE_TAB }, { replace: true });
  }, [activeTab, id]);

  const breadcrumb = (
    <ol>
      <li>
        <a href={href({ name: 'home' })}>Integrations</a>
      </li>
    </ol>
  );

  if (status === 'error' && error) {
    const missing = error.code === 'not_found';
    return (
      <Page title={missing ? 'Integration not found' : 'Integration'} breadcrumb={breadcrumb} focusKey={`profile:${id}:error`}>
        {missing ? (
          <div className="card">
            <EmptyState
              title="This integration no longer exists"
              actions={
                <ButtonLink href={href({ name: 'home' })} variant="primary">
                  Back to integrations
                </ButtonLink>
              }
            >
              <p>It may have been removed in another window or from the command line.</p>
            </EmptyState>
          </div>
        ) : (
          <ErrorState title="Seatwise could not open this integration" message={error.message} onRetry={() => void open(id)} />
        )}
      </Page>
    );
  }

  if (!profile || loadedId !== id || profile.id !== id) {
    return (
      <Page title={<Skeleton width={220} height={22} />} breadcrumb={breadcrumb} focusKey={`profile:${id}:loading`}>
        <LoadingRegion label="Loading the integration…">
          <div className="stats stats--compact">
            {[0, 1, 2, 3].map((index) => (
              <div className="stat" key={index}>
                <Skeleton width={100} height={12} />
                <Skeleton width={80} height={24} className="skeleton--block" />
              </div>
            ))}
          </div>
        </LoadingRegion>
      </Page>
    );
  }

  return <ProfileRecord profile={profile} tabId={activeTab?.id ?? DEFAULT_PROFILE_TAB} breadcrumb={breadcrumb} />;
}

function ProfileRecord({ profile, tabId, breadcrumb }: { profile: ProfileDetail; tabId: string; breadcrumb: ReactNode }) {
  const publishing = useProfileStore((state) => state.publishing);
  const publishError = useProfileStore((state) => state.publishError);
  const publish = useProfileStore((state) => state.publish);
  const now = useNow();
  const status = profileStatus(profile);
  const look = vendorLook(profile.vendor, profile.preset);
  const draft = profile.status === 'draft';
  const tab = findTab(tabId) ?? PROFILE_TABS[0];
  const connectedAs = profile.connectedAs ?? profile.connection.connectedAs;

  const subtitle = (
    <ul className="meta-list">
      <li>{look.name}</li>
      {connectedAs ? <li>Connected as {connectedAs}</li> : null}
      {profile.lastSync ? (
        <li>
          Last sync{' '}
          <time dateTime={profile.lastSync.at} title={formatDateTime(profile.lastSync.at)}>
            {formatRelative(profile.lastSync.at, now)}
          </time>
          {profile.lastSync.status === 'failed' ? <span className="text-danger"> (failed)</span> : null}
        </li>
      ) : (
        <li>Never synced</li>
      )}
      {profile.nextSyncAt && !draft ? (
        <li>
          Next sync{' '}
          <time dateTime={profile.nextSyncAt} title={formatDateTime(profile.nextSyncAt)}>
            {formatRelative(profile.nextSyncAt, now)}
          </time>
        </li>
      ) : null}
    </ul>
  );

  return (
    <Page
      title={profile.name}
      icon={<VendorMark vendor={profile.vendor} preset={profile.preset} size="lg" />}
      titleAddon={
        <StatusPill tone={status.tone} title={profile.healthReason}>
          {status.label}
        </StatusPill>
      }
      subtitle={subtitle}
      breadcrumb={breadcrumb}
      focusKey={`profile:${profile.id}`}
      actions={
        draft ? (
          <Button variant="primary" busy={publishing} onClick={() => void publish()}>
            {publishing ? 'Publishing…' : 'Publish'}
          </Button>
        ) : (
          <>
            <CancelSyncButton profileId={profile.id} profileName={profile.name} />
            {profile.vendor === 'csv' ? <ImportExportButton profileId={profile.id} profileName={profile.name} /> : null}
            <SyncButton profileId={profile.id} profileName={profile.name} size="md" variant={profile.vendor === 'csv' ? 'secondary' : 'primary'} />
          </>
        )
      }
    >
      {publishError ? (
        <Banner tone="danger" title="Publishing failed" role="alert">
          <p>{publishError}</p>
        </Banner>
      ) : null}
      {!draft && profile.healthReason && status.tone !== 'success' ? (
        <Banner tone={status.tone === 'danger' ? 'danger' : 'warning'} title={status.label}>
          <p>{profile.healthReason}</p>
        </Banner>
      ) : null}
      {!draft && profile.activityAvailable === false && profile.activityNote ? (
        <Banner tone="warning" title="No activity read: no inactivity candidates">
          <p>{asSentence(profile.activityNote.message)} Without activity to show it, Seatwise calls nobody inactive.</p>
          {profile.activityNote.hint ? <p>{profile.activityNote.hint}</p> : null}
        </Banner>
      ) : null}
      {draft && !publishError ? (
        <Banner tone="info" title="This integration is a draft">
          <p>Publish it to check the connection and download its seats. Nothing syncs until then.</p>
        </Banner>
      ) : null}
      <SyncPanel profileId={profile.id} profileName={profile.name} />

      {draft ? null : (
      <section className="stats stats--compact" aria-label="Figures">
        <SavingsStat
          monthlySavings={profile.monthlySavings}
          currency={profile.currency}
          unpriced={profile.unpricedCandidates}
          profileId={profile.id}
          activityAvailable={profile.activityAvailable}
        />
        <div className="stat">
          <span className="stat__label">Reclamation candidates</span>
          <span className="stat__value">{formatNumber(profile.candidates)}</span>
          {profile.activityAvailable === false ? <span className="stat__detail">None without activity</span> : null}
        </div>
        <div className="stat">
          <span className="stat__label">Paid seats</span>
          <span className="stat__value">{formatNumber(profile.seats)}</span>
          <span className="stat__detail">{seatDetail(profile)}</span>
        </div>
        <div className="stat">
          <span className="stat__label">License types</span>
          <span className="stat__value">{formatNumber(profile.licenseTypes.length)}</span>
          <span className="stat__detail">{`${formatNumber(profile.orgs)} ${profile.orgs === 1 ? 'org' : 'orgs'}`}</span>
        </div>
      </section>
      )}

      <nav className="tabs" aria-label="Integration sections">
        <ul className="tabs__list">
          {PROFILE_TABS.map((entry) => {
            const badge = entry.badge?.(profile);
            const current = entry.id === tab?.id;
            return (
              <li key={entry.id}>
                <a
                  className={current ? 'tabs__tab is-current' : 'tabs__tab'}
                  href={href({ name: 'profile', id: profile.id, tab: entry.id })}
                  aria-current={current ? 'page' : undefined}
                >
                  {entry.label}
                  {badge}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="tab-panel">{tab?.render(profile)}</div>
    </Page>
  );
}

/** Under the paid-seat count: the other two kinds, by the same definition as the seats table. */
function seatDetail(profile: ProfileDetail): string {
  const parts: string[] = [];
  if (profile.freeSeats > 0) parts.push(`${formatNumber(profile.freeSeats)} free`);
  if (profile.deactivatedSeats > 0) parts.push(`${formatNumber(profile.deactivatedSeats)} deactivated`);
  return parts.length > 0 ? parts.join(' · ') : 'no free or deactivated members';
}

/** A vendor's message as its own sentence, so the next one does not run into it. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Reconciliation: seats owned (from entitlements) against seats in use (from the last sync)
 * per license type, what the idle seats cost, where more are used than owned, and the
 * renewals of the next 90 days.
 */
import { useId, useMemo } from 'react';
import './reconciliation.css';
import { ButtonLink } from '../../components/Button.js';
import { ScaleIcon } from '../../components/icons.js';
import { Page } from '../../components/Page.js';
import { Banner, EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { formatNumber, plural } from '../../lib/format.js';
import { useLiveLoad } from '../../lib/useLiveLoad.js';
import { href } from '../../router.js';
import { HeadlineStats } from './HeadlineStats.js';
import { LinesTable } from './LinesTable.js';
import { chartBars, headline, labelOf, profileLabels, type ProfileLabel, type Reconciliation } from './model.js';
import { Renewals } from './Renewals.js';
import { SeatsChart } from './SeatsChart.js';
import { useReconciliationStore } from './store.js';

export function ReconciliationPage() {
  const status = useReconciliationStore((state) => state.status);
  const data = useReconciliationStore((state) => state.data);
  const profiles = useReconciliationStore((state) => state.profiles);
  const error = useReconciliationStore((state) => state.error);
  const load = useReconciliationStore((state) => state.load);

  useLiveLoad(load);

  const labels = useMemo(() => profileLabels(profiles), [profiles]);

  return (
    <Page
      title="Reconciliation"
      subtitle="Seats you own against seats in use, per license type: what the idle ones cost, where you are over, and what renews soon."
      actions={profiles.length > 1 ? <ProfileFilter labels={labels} /> : null}
      focusKey="reconciliation"
    >
      {status === 'error' ? (
        <ErrorState title="Seatwise could not reconcile your seats" message={error ?? ''} onRetry={() => void load()} />
      ) : status === 'ready' && data ? (
        data.lines.length === 0 ? (
          <ReconciliationEmpty hasProfiles={profiles.length > 0} />
        ) : (
          <ReconciliationView data={data} labels={labels} />
        )
      ) : (
        <ReconciliationSkeleton />
      )}
    </Page>
  );
}

function ProfileFilter({ labels }: { labels: ReadonlyMap<string, ProfileLabel> }) {
  const ids = useId();
  const value = useReconciliationStore((state) => state.profileFilter);
  const setProfileFilter = useReconciliationStore((state) => state.setProfileFilter);
  const options = [...labels.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="inline-field">
      <label htmlFor={`${ids}-profile`}>Integration</label>
      <select id={`${ids}-profile`} className="input select select--compact" value={value} onChange={(event) => setProfileFilter(event.target.value)}>
        <option value="">All integrations</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function ReconciliationView({ data, labels }: { data: Reconciliation; labels: ReadonlyMap<string, ProfileLabel> }) {
  const figures = useMemo(() => headline(data), [data]);
  const allBars = useMemo(() => chartBars(data.lines, labels), [data.lines, labels]);
  // The chart compares with what is owned; lines without an owned count are in the table.
  const bars = allBars.filter((bar) => bar.owned !== null);
  const unowned = allBars.length - bars.length;
  const over = data.lines.filter((line) => line.overAllocated);
  return (
    <>
      <HeadlineStats figures={figures} />
      {over.length > 0 ? (
        <Banner tone="danger" title={`${plural(over.length, 'license type uses', 'license types use')} more seats than you own`}>
          <ul className="over-list">
            {over.map((line) => (
              <li key={`${line.profileId}\u0000${line.licenseType}`}>
                <a href={href({ name: 'profile', id: line.profileId, tab: 'entitlements' })}>
                  {labelOf(labels, line.profileId).name} · {line.licenseType}
                </a>
                : {formatNumber(line.used)} in use, {formatNumber(line.owned ?? 0)} owned ({formatNumber(line.overBy)} over). A true-up is due unless seats are reclaimed first.
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <div className="reconciliation-grid">
        <section className="card" aria-labelledby="chart-heading">
          <div className="card__header card__header--inline">
            <h2 id="chart-heading" className="card__title">
              Seats per license type
            </h2>
            <span className="muted card__meta">owned · in use · inactive</span>
          </div>
          {bars.length > 0 ? (
            <SeatsChart bars={bars} />
          ) : (
            <p className="muted">No license type has a seat count owned yet: record one on an integration’s Entitlements tab to compare it here.</p>
          )}
          {unowned > 0 ? (
            <p className="seats-chart__footnote">
              {plural(unowned, 'license type')} without a recorded seat count {unowned === 1 ? 'is' : 'are'} in the table below.
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="renewals-heading">
          <div className="card__header card__header--inline">
            <h2 id="renewals-heading" className="card__title">
              Renewals in the next 90 days
            </h2>
          </div>
          <Renewals renewals={data.renewals} lines={data.lines} labels={labels} />
        </section>
      </div>
      <section className="card card--flush" aria-labelledby="lines-heading">
        <div className="card__header">
          <h2 id="lines-heading" className="card__title">
            {plural(data.lines.length, 'license type')}
          </h2>
          <p className="muted card__meta">Seats owned, prices and renewal dates are kept on each integration’s Entitlements tab.</p>
        </div>
        <LinesTable lines={data.lines} labels={labels} />
      </section>
    </>
  );
}

function ReconciliationEmpty({ hasProfiles }: { hasProfiles: boolean }) {
  return (
    <div className="card">
      <EmptyState
        art={
          <span className="empty-icon">
            <ScaleIcon size={28} />
          </span>
        }
        title={hasProfiles ? 'Nothing to reconcile yet' : 'Connect an application first'}
        actions={
          <ButtonLink href={href({ name: hasProfiles ? 'home' : 'new' })} variant="primary">
            {hasProfiles ? 'See your integrations' : 'New integration'}
          </ButtonLink>
        }
      >
        <p>
          {hasProfiles
            ? 'Reconciliation compares the seats in use after a sync with the seats you own. Record seats owned, the unit cost and the renewal date on an integration’s Entitlements tab, and sync it.'
            : 'Once an integration has synced, this page compares the seats in use with the seats you pay for, and lists what renews in the next 90 days.'}
        </p>
      </EmptyState>
    </div>
  );
}

function ReconciliationSkeleton() {
  return (
    <LoadingRegion label="Loading reconciliation…">
      <div className="stats">
        {[0, 1, 2, 3].map((index) => (
          <div className="stat" key={index}>
            <Skeleton width={120} height={12} />
            <Skeleton width={140} height={28} />
            <Skeleton width={180} height={10} />
          </div>
        ))}
      </div>
      <div className="reconciliation-grid">
        <div className="card">
          {[0, 1, 2, 3, 4].map((index) => (
            <div className="skeleton-row" key={index}>
              <Skeleton width={140} height={12} />
              <Skeleton width={`${70 - index * 9}%`} height={14} />
            </div>
          ))}
        </div>
        <div className="card">
          {[0, 1, 2].map((index) => (
            <div className="skeleton-row" key={index}>
              <Skeleton width={70} height={20} />
              <Skeleton width={180} height={12} />
            </div>
          ))}
        </div>
      </div>
    </LoadingRegion>
  );
}

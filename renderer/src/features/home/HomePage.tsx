import { useEffect } from 'react';
import { ButtonLink } from '../../components/Button.js';
import { Page } from '../../components/Page.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { VendorMark } from '../../components/VendorMark.js';
import { CandidatesIcon, CoinsIcon, PlusIcon, UsersIcon, AlertIcon } from '../../components/icons.js';
import { formatCurrency, formatNumber, plural } from '../../lib/format.js';
import { href } from '../../router.js';
import { ProfilesTable } from './ProfilesTable.js';
import { totalsOf, useHomeStore } from './store.js';
import type { ProfileSummary } from '../../types.js';

export function HomePage() {
  const status = useHomeStore((state) => state.status);
  const profiles = useHomeStore((state) => state.profiles);
  const error = useHomeStore((state) => state.error);
  const load = useHomeStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  const hasProfiles = status === 'ready' && profiles.length > 0;
  return (
    <Page
      title="Integrations"
      subtitle="Every application Seatwise watches: who holds a seat, who stopped using it, and what that costs."
      actions={
        hasProfiles ? (
          <ButtonLink href={href({ name: 'new' })} variant="primary" icon={<PlusIcon />}>
            New integration
          </ButtonLink>
        ) : null
      }
      focusKey="home"
    >
      {status === 'error' && error ? (
        <ErrorState title="Seatwise could not load your integrations" message={error.message} onRetry={() => void load()} />
      ) : status === 'ready' && profiles.length === 0 ? (
        <HomeEmpty />
      ) : status === 'ready' ? (
        <>
          <Summary profiles={profiles} />
          <section className="card card--flush" aria-labelledby="profiles-heading">
            <div className="card__header">
              <h2 id="profiles-heading" className="card__title">
                {plural(profiles.length, 'integration')}
              </h2>
            </div>
            <ProfilesTable profiles={profiles} />
          </section>
        </>
      ) : (
        <HomeSkeleton />
      )}
    </Page>
  );
}

function Summary({ profiles }: { profiles: ProfileSummary[] }) {
  const totals = totalsOf(profiles);
  const primarySavings = totals.savings[0] ?? { currency: profiles[0]?.currency ?? 'USD', amount: 0 };
  const otherSavings = totals.savings.slice(1).filter((entry) => entry.amount > 0);
  return (
    <section className="stats" aria-label="Totals across integrations">
      <div className="stat stat--highlight">
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <CoinsIcon size={16} />
          </span>
          <span className="stat__label">Potential savings</span>
        </span>
        <span className="stat__value">
          {formatCurrency(primarySavings.amount, primarySavings.currency)}
          <span className="stat__unit"> / month</span>
        </span>
        <span className="stat__detail">
          {totals.unpriced > 0 ? (
            <>
              {plural(totals.unpriced, 'candidate')} without a price: set a unit cost on the integration's <a href={href({ name: 'section', section: 'reconciliation' })}>entitlements</a>
            </>
          ) : otherSavings.length > 0 ? (
            `plus ${otherSavings.map((entry) => formatCurrency(entry.amount, entry.currency)).join(', ')}`
          ) : (
            `${formatCurrency(primarySavings.amount * 12, primarySavings.currency)} a year if reclaimed`
          )}
        </span>
      </div>
      <div className="stat">
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <CandidatesIcon size={16} />
          </span>
          <span className="stat__label">Candidates</span>
        </span>
        <span className="stat__value">{formatNumber(totals.candidates)}</span>
        <span className="stat__detail">seats unused past their rule</span>
      </div>
      <div className="stat">
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <UsersIcon size={16} />
          </span>
          <span className="stat__label">Paid seats watched</span>
        </span>
        <span className="stat__value">{formatNumber(totals.seats)}</span>
        <span className="stat__detail">
          {totals.freeSeats > 0 || totals.deactivatedSeats > 0
            ? [totals.freeSeats > 0 ? `${formatNumber(totals.freeSeats)} free` : '', totals.deactivatedSeats > 0 ? `${formatNumber(totals.deactivatedSeats)} deactivated` : ''].filter(Boolean).join(' · ')
            : 'no free or deactivated members'}
        </span>
      </div>
      <div className={totals.attention > 0 ? 'stat stat--warning' : 'stat'}>
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <AlertIcon size={16} />
          </span>
          <span className="stat__label">Need attention</span>
        </span>
        <span className="stat__value">{formatNumber(totals.attention)}</span>
        <span className="stat__detail">
          {totals.attention > 0
            ? `of ${plural(totals.published, 'published integration')}`
            : totals.published > 0
              ? 'every published integration is healthy'
              : 'nothing published yet'}
        </span>
      </div>
    </section>
  );
}

function HomeEmpty() {
  return (
    <div className="card">
      <EmptyState
        art={
          <div className="empty-art-marks">
            <VendorMark vendor="asana" size="lg" />
            <VendorMark vendor="salesforce" size="lg" />
            <VendorMark vendor="calendly" size="lg" />
            <VendorMark vendor="custom" preset="scim" size="lg" />
            <VendorMark vendor="custom" size="lg" />
          </div>
        }
        title="Connect your first application"
        actions={
          <ButtonLink href={href({ name: 'new' })} variant="primary" icon={<PlusIcon />}>
            New integration
          </ButtonLink>
        }
      >
        <p>
          Seatwise signs in to a SaaS application you pay for, downloads who holds each seat and when they last used it,
          and lists the seats nobody uses along with what they cost each month.
        </p>
        <p className="muted">Asana, Salesforce CRM, Calendly and any SCIM 2.0 or custom application. Your credentials stay in the OS keychain.</p>
      </EmptyState>
      <ol className="how-it-works" aria-label="How Seatwise works">
        <li>
          <span className="how-it-works__step" aria-hidden="true">1</span>
          <span className="how-it-works__title">Connect</span>
          <span className="how-it-works__text">Pick the application and give Seatwise a read-only token or sign in.</span>
        </li>
        <li>
          <span className="how-it-works__step" aria-hidden="true">2</span>
          <span className="how-it-works__title">Download</span>
          <span className="how-it-works__text">Every seat, its license type and each person’s last activity, refreshed daily.</span>
        </li>
        <li>
          <span className="how-it-works__step" aria-hidden="true">3</span>
          <span className="how-it-works__title">Reclaim</span>
          <span className="how-it-works__text">Review the seats nobody uses, approve them, and watch the monthly savings add up.</span>
        </li>
      </ol>
    </div>
  );
}

function HomeSkeleton() {
  return (
    <LoadingRegion label="Loading integrations…">
      <div className="stats">
        {[0, 1, 2, 3].map((index) => (
          <div className="stat" key={index}>
            <Skeleton width={120} height={12} />
            <Skeleton width={90} height={26} className="skeleton--block" />
            <Skeleton width={140} height={10} />
          </div>
        ))}
      </div>
      <div className="card card--flush">
        <div className="card__header">
          <Skeleton width={120} height={14} />
        </div>
        {[0, 1, 2, 3, 4].map((index) => (
          <div className="skeleton-row" key={index}>
            <Skeleton width={28} height={28} className="skeleton--square" />
            <div className="skeleton-row__stack">
              <Skeleton width={180} height={12} />
              <Skeleton width={100} height={10} />
            </div>
            <Skeleton width={80} height={20} className="skeleton--pill" />
            <Skeleton width={60} height={12} />
            <Skeleton width={60} height={12} />
            <Skeleton width={90} height={28} className="skeleton--button" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

/**
 * Sections whose screens arrive in the playbook pass. Each one says plainly what it will hold
 * and shows the outline of it, so the navigation is honest and the place is recognisable.
 */
import { useEffect, type ReactNode } from 'react';
import { ButtonLink } from '../../components/Button.js';
import { VendorMark } from '../../components/VendorMark.js';
import { formatCurrency, plural } from '../../lib/format.js';
import { totalsOf, useHomeStore } from '../home/store.js';
import { AuditIcon, CandidatesIcon, ScaleIcon } from '../../components/icons.js';
import { Page } from '../../components/Page.js';
import { href } from '../../router.js';

export interface PlannedSection {
  title: string;
  subtitle: string;
  icon: ReactNode;
  heading: string;
  body: string;
  points: string[];
  /** Column headers of the table this screen will show. */
  outline: string[];
}

export const PLANNED: Record<'candidates' | 'reconciliation' | 'audit', PlannedSection> = {
  candidates: {
    title: 'Candidates',
    subtitle: 'Seats nobody has used for longer than their rule allows, and what each one costs.',
    icon: <CandidatesIcon size={28} />,
    heading: 'Review the seats you can take back',
    body: 'Each candidate is one person holding one license type past its inactivity threshold. Review them across every integration, then approve, reject or export.',
    points: [
      'Days inactive and monthly cost for every candidate, totalled per integration',
      'Approve or reject one by one or in bulk; approved seats are reclaimed through the vendor’s API',
      'People who come back are resolved automatically; exclusions keep owners and VIPs off the list',
      'Export to CSV or Excel for a manager’s sign-off',
    ],
    outline: ['User', 'Integration', 'License type', 'Days inactive', 'Monthly cost', 'State'],
  },
  reconciliation: {
    title: 'Reconciliation',
    subtitle: 'Seats in use against seats owned, per product and license type.',
    icon: <ScaleIcon size={28} />,
    heading: 'Compare what you use with what you pay for',
    body: 'Record your entitlements (seats owned, unit cost, renewal date) and see, per software model, where you are over-bought, short, or due for a renewal conversation.',
    points: [
      'Seats owned, in use and free for every software model',
      'Unit cost, currency, billing period and renewal date per entitlement',
      'Over-allocation and shortfall highlighted before the renewal',
    ],
    outline: ['Software model', 'Owned', 'In use', 'Free', 'Unit cost', 'Renewal'],
  },
  audit: {
    title: 'Audit',
    subtitle: 'An append-only record of every reclaim, rule change and connection change.',
    icon: <AuditIcon size={28} />,
    heading: 'Every change, who made it, and when',
    body: 'Seatwise records each reclaimed seat, each rule or exclusion edited and each connection added, signed in or removed. Entries are never edited or deleted.',
    points: [
      'Reclaims with the vendor call that was made and its answer',
      'Rule, exclusion and entitlement changes with before and after',
      'Connection sign-ins, token refreshes and disconnections',
    ],
    outline: ['When', 'Integration', 'Event', 'Subject', 'Details'],
  },
};

export function PlannedPage({ section, children }: { section: PlannedSection; children?: ReactNode }) {
  return (
    <Page title={section.title} subtitle={section.subtitle} focusKey={section.title}>
      {children}
      <PlannedCard section={section} />
    </Page>
  );
}

export function PlannedCard({ section }: { section: Omit<PlannedSection, 'title' | 'subtitle'> }) {
  return (
    <div className="card planned">
      <div className="planned__intro">
        <span className="empty-icon">{section.icon}</span>
        <div>
          <h2 className="planned__heading">{section.heading}</h2>
          <p className="planned__body">{section.body}</p>
          <ul className="planned__points">
            {section.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
          <ButtonLink href={href({ name: 'home' })} size="sm">
            See your integrations
          </ButtonLink>
        </div>
      </div>
      {section.outline.length > 0 ? (
        <div className="planned__outline" aria-hidden="true">
          <div className="planned__outline-head">
            {section.outline.map((column) => (
              <span key={column}>{column}</span>
            ))}
          </div>
          {[0, 1, 2].map((row) => (
            <div className="planned__outline-row" key={row}>
              {section.outline.map((column) => (
                <span key={column} className="planned__bar" />
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * Today's figures from the home store, so the Candidates screen already answers "how many,
 * and how much" while the full list is still to come.
 */
export function CandidatesToday() {
  const status = useHomeStore((state) => state.status);
  const profiles = useHomeStore((state) => state.profiles);
  const load = useHomeStore((state) => state.load);
  useEffect(() => {
    if (useHomeStore.getState().status === 'idle') void load();
  }, [load]);
  if (status !== 'ready') return null;
  const totals = totalsOf(profiles);
  const withCandidates = profiles.filter((profile) => profile.candidates > 0);
  if (withCandidates.length === 0) return null;
  const savings = totals.savings[0];
  return (
    <section className="card today" aria-labelledby="today-heading">
      <h2 id="today-heading" className="today__heading">
        Today, {plural(totals.candidates, 'seat')} qualify
        {savings && savings.amount > 0 ? <>, worth {formatCurrency(savings.amount, savings.currency)} a month</> : null}
      </h2>
      <ul className="today__list">
        {withCandidates
          .sort((a, b) => b.monthlySavings - a.monthlySavings)
          .map((profile) => (
            <li key={profile.id}>
              <a className="today__item" href={href({ name: 'profile', id: profile.id, tab: 'subscriptions' })}>
                <VendorMark vendor={profile.vendor} preset={profile.preset} size="sm" />
                <span className="today__name">{profile.name}</span>
                <span className="today__count">{plural(profile.candidates, 'candidate')}</span>
                <span className="today__money">{formatCurrency(profile.monthlySavings, profile.currency)}</span>
              </a>
            </li>
          ))}
      </ul>
    </section>
  );
}

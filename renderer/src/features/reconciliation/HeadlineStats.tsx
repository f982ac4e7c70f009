/** The four figures on top of Reconciliation: savings a month and a year, idle seats, over-allocation. */
import { AlertIcon, CandidatesIcon, CoinsIcon, ScaleIcon } from '../../components/icons.js';
import { formatCurrency, formatNumber, plural } from '../../lib/format.js';
import type { Headline, Money } from './model.js';

/** The first currency large; any others under it, never added together. */
function MoneyValue({ amounts, unit }: { amounts: Money[]; unit: string }) {
  const [first, ...rest] = amounts;
  if (!first) return <span className="stat__value">—</span>;
  return (
    <>
      <span className="stat__value">
        {formatCurrency(first.amount, first.currency)}
        <span className="stat__unit"> {unit}</span>
      </span>
      {rest.map((entry) => (
        <span key={entry.currency} className="stat__value stat__value--more">
          + {formatCurrency(entry.amount, entry.currency)}
          <span className="stat__unit"> {unit}</span>
        </span>
      ))}
    </>
  );
}

export function HeadlineStats({ figures }: { figures: Headline }) {
  const priced = figures.monthly.length > 0;
  const idle = figures.inactive + figures.pendingReclaim;
  return (
    <section className="stats reconciliation-stats" aria-label="Reconciliation totals">
      <div className="stat stat--highlight" data-testid="savings-monthly">
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <CoinsIcon size={16} />
          </span>
          <span className="stat__label">Monthly savings</span>
        </span>
        <MoneyValue amounts={figures.monthly} unit="/ month" />
        <span className="stat__detail">{priced ? 'possible: idle seats reclaimed, unassigned ones dropped' : 'record unit costs on an integration’s Entitlements tab'}</span>
      </div>
      <div className="stat" data-testid="savings-annual">
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <ScaleIcon size={16} />
          </span>
          <span className="stat__label">Annual savings</span>
        </span>
        <MoneyValue amounts={figures.annual} unit="/ year" />
        <span className="stat__detail">twelve months of the figure beside it</span>
      </div>
      <div className="stat" data-testid="inactive-seats">
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <CandidatesIcon size={16} />
          </span>
          <span className="stat__label">Inactive seats</span>
        </span>
        <span className="stat__value">{formatNumber(idle)}</span>
        <span className="stat__detail">
          {figures.pendingReclaim > 0 ? `${formatNumber(figures.pendingReclaim)} approved for reclaim` : 'held past their rule’s threshold'}
          {figures.waste[0] ? `, ${figures.waste.map((w) => formatCurrency(w.amount, w.currency)).join(' + ')}/mo` : ''}
        </span>
      </div>
      <div className={figures.overAllocatedLines > 0 ? 'stat stat--danger' : 'stat'} data-testid="over-allocated">
        <span className="stat__head">
          <span className="stat__icon" aria-hidden="true">
            <AlertIcon size={16} />
          </span>
          <span className="stat__label">Over-allocated</span>
        </span>
        <span className="stat__value">
          {formatNumber(figures.overAllocatedLines)}
          <span className="stat__unit"> {figures.overAllocatedLines === 1 ? 'license type' : 'license types'}</span>
        </span>
        <span className="stat__detail">
          {figures.overAllocatedLines > 0 ? `${plural(figures.overBy, 'seat')} in use beyond what you own` : 'every license type within what you own'}
        </span>
      </div>
    </section>
  );
}

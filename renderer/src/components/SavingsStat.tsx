import { formatCurrency, plural } from '../lib/format.js';
import { href } from '../router.js';

/**
 * Potential savings of one integration: only candidates whose license type has a unit cost
 * count. Candidates without one are said so, with the way to price them, never shown as $0.
 * Without activity there are no candidates at all: the figure is then unknown, not $0, which
 * would read as "nothing to save".
 */
export function SavingsStat({
  monthlySavings,
  currency,
  unpriced,
  profileId,
  activityAvailable = true,
}: {
  monthlySavings: number;
  currency: string;
  unpriced: number;
  profileId: string;
  activityAvailable?: boolean | null;
}) {
  const nothingPriced = unpriced > 0 && monthlySavings === 0;
  const unknown = activityAvailable === false && monthlySavings === 0 && unpriced === 0;
  return (
    <div className="stat stat--highlight">
      <span className="stat__label">Potential savings / month</span>
      <span className="stat__value">{unknown ? 'Unknown' : nothingPriced ? 'Not priced' : formatCurrency(monthlySavings, currency)}</span>
      <span className="stat__detail">
        {unknown ? (
          'No activity read, so no unused seats found'
        ) : unpriced > 0 ? (
          <>
            {plural(unpriced, 'candidate')} without a price: <a href={href({ name: 'profile', id: profileId, tab: 'entitlements' })}>set a unit cost</a>
          </>
        ) : (
          `${formatCurrency(monthlySavings * 12, currency)} a year`
        )}
      </span>
    </div>
  );
}

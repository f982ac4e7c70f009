import { formatCurrency, plural } from '../lib/format.js';
import { href } from '../router.js';

/**
 * Potential savings of one integration: only candidates whose license type has a unit cost
 * count. Candidates without one are said so, with the way to price them, never shown as $0.
 */
export function SavingsStat({ monthlySavings, currency, unpriced, profileId }: { monthlySavings: number; currency: string; unpriced: number; profileId: string }) {
  const nothingPriced = unpriced > 0 && monthlySavings === 0;
  return (
    <div className="stat stat--highlight">
      <span className="stat__label">Potential savings / month</span>
      <span className="stat__value">{nothingPriced ? 'Not priced' : formatCurrency(monthlySavings, currency)}</span>
      <span className="stat__detail">
        {unpriced > 0 ? (
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

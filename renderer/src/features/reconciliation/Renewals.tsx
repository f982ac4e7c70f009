/**
 * Renewals in the next 90 days, soonest first: how many seats are worth renewing (those in
 * use minus the idle ones) and what renewing that many instead of today's count saves.
 */
import { StatusPill } from '../../components/StatusPill.js';
import { formatCurrency, formatDate, formatNumber, plural } from '../../lib/format.js';
import { href } from '../../router.js';
import { labelOf, renewalSaving, type ProfileLabel, type ReconciliationLine, type Renewal } from './model.js';

/** Within a month the conversation with the vendor is due now. */
const SOON_DAYS = 30;

function daysLabel(days: number): string {
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return `In ${plural(days, 'day')}`;
}

export function Renewals({ renewals, lines, labels }: { renewals: readonly Renewal[]; lines: readonly ReconciliationLine[]; labels: ReadonlyMap<string, ProfileLabel> }) {
  if (renewals.length === 0) {
    return (
      <div className="renewals__empty">
        <p className="renewals__empty-title">No renewals in the next 90 days</p>
        <p className="muted">Renewal dates come from each integration’s entitlements; add one to see it here three months ahead.</p>
      </div>
    );
  }
  return (
    <ol className="renewals" aria-label="Renewals, soonest first">
      {renewals.map((renewal) => {
        const label = labelOf(labels, renewal.profileId);
        const saving = renewalSaving(renewal, lines);
        return (
          <li key={`${renewal.profileId}\u0000${renewal.licenseType}`} className="renewal">
            <div className="renewal__when">
              <StatusPill tone={renewal.daysToRenewal <= SOON_DAYS ? 'warning' : 'info'}>{daysLabel(renewal.daysToRenewal)}</StatusPill>
              <time className="renewal__date" dateTime={renewal.renewalDate}>
                {formatDate(renewal.renewalDate)}
              </time>
            </div>
            <div className="renewal__what">
              <a className="renewal__name" href={href({ name: 'profile', id: renewal.profileId, tab: 'entitlements' })}>
                {renewal.licenseType}
              </a>
              <span className="renewal__profile">{label.name}</span>
              <span className="renewal__facts">
                {renewal.owned === null ? 'owned not recorded' : `${formatNumber(renewal.owned)} owned`} · {formatNumber(renewal.used)} in use · {formatNumber(renewal.inactive)} inactive
              </span>
            </div>
            <div className="renewal__advice">
              <span className="renewal__seats">
                Renew <strong>{formatNumber(renewal.recommendedSeats)}</strong> {renewal.recommendedSeats === 1 ? 'seat' : 'seats'}
              </span>
              {saving ? <span className="renewal__saving">saves {formatCurrency(saving.amount, saving.currency)}/mo</span> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

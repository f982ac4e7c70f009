/**
 * Every reconciliation line: what is owned, used and idle, what one seat costs, and what
 * the idle and unassigned seats cost. Each integration links to its Entitlements tab, where
 * seats owned, prices and renewal dates are recorded.
 */
import { Tag } from '../../components/StatusPill.js';
import { VendorMark } from '../../components/VendorMark.js';
import { formatCurrency, formatDate, formatNumber, plural } from '../../lib/format.js';
import { href } from '../../router.js';
import { labelOf, sortLines, type ProfileLabel, type ReconciliationLine } from './model.js';

const entitlementsHref = (profileId: string): string => href({ name: 'profile', id: profileId, tab: 'entitlements' });

function money(value: number, currency: string | null, precise = false) {
  if (currency === null) return <span className="muted">—</span>;
  return formatCurrency(value, currency, precise ? { precise: true } : {});
}

function renewalText(date: string, days: number | undefined): string {
  const when = days === undefined ? '' : days < 0 ? ', passed' : days === 0 ? ', today' : `, in ${plural(days, 'day')}`;
  return `Renews ${formatDate(date)}${when}`;
}

export function LinesTable({ lines, labels }: { lines: readonly ReconciliationLine[]; labels: ReadonlyMap<string, ProfileLabel> }) {
  return (
    <div className="table-scroll">
      <table className="data-table reconciliation-table">
        <caption className="visually-hidden">Reconciliation per integration and license type</caption>
        <thead>
          <tr>
            <th scope="col">Integration</th>
            <th scope="col">License type</th>
            <th scope="col" className="num">
              Owned
            </th>
            <th scope="col" className="num">
              Used
            </th>
            <th scope="col" className="num">
              Inactive
            </th>
            <th scope="col" className="num">
              Per seat / mo
            </th>
            <th scope="col" className="num">
              Monthly waste
            </th>
            <th scope="col" className="num">
              Potential savings
            </th>
          </tr>
        </thead>
        <tbody>
          {sortLines(lines, labels).map((line) => {
            const label = labelOf(labels, line.profileId);
            return (
              <tr key={`${line.profileId}\u0000${line.licenseType}`} className={line.overAllocated ? 'is-over' : undefined} data-over={line.overAllocated || undefined}>
                <td>
                  <div className="cell-line">
                    <VendorMark vendor={label.vendor} preset={label.preset} size="sm" />
                    <a className="reconciliation-table__profile" href={entitlementsHref(line.profileId)}>
                      {label.name}
                    </a>
                  </div>
                </td>
                <td>
                  <div className="time-stack">
                    <span className="cell-line">
                      <span>{line.licenseType}</span>
                      {line.overAllocated ? (
                        <Tag tone="danger" title={`${formatNumber(line.used)} seats in use, ${formatNumber(line.owned ?? 0)} owned`}>
                          Over by {formatNumber(line.overBy)}
                        </Tag>
                      ) : null}
                    </span>
                    {line.renewalDate ? <span className="time-stack__sub">{renewalText(line.renewalDate, line.daysToRenewal)}</span> : null}
                  </div>
                </td>
                <td className="num">
                  {line.owned === null ? (
                    <a href={entitlementsHref(line.profileId)} className="reconciliation-table__set">
                      Not set<span className="visually-hidden">: record seats owned for {label.name}, {line.licenseType}</span>
                    </a>
                  ) : (
                    <div className="num-stack">
                      <span>{formatNumber(line.owned)}</span>
                      {line.unassigned > 0 ? <span className="num-stack__sub">{formatNumber(line.unassigned)} unassigned</span> : null}
                    </div>
                  )}
                </td>
                <td className={line.overAllocated ? 'num reconciliation-table__over' : 'num'}>{formatNumber(line.used)}</td>
                <td className="num">
                  <div className="num-stack">
                    <span>{formatNumber(line.inactive)}</span>
                    {line.pendingReclaim > 0 ? <span className="num-stack__sub">+{formatNumber(line.pendingReclaim)} approved</span> : null}
                  </div>
                </td>
                <td className="num">{line.monthlyUnitCost === null ? <span className="muted">—</span> : money(line.monthlyUnitCost, line.currency, true)}</td>
                <td className="num">{money(line.monthlyWaste, line.currency)}</td>
                <td className="num">
                  {line.currency === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <div className="num-stack">
                      <span className="money">{formatCurrency(line.potentialMonthlySavings, line.currency)}/mo</span>
                      <span className="num-stack__sub">{formatCurrency(line.potentialAnnualSavings, line.currency)} a year</span>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The profile record's Entitlements tab: per license type, the seats used against the seats
 * owned, what they cost and when they renew, editable in place. Over-allocation (more seats
 * used than owned) is marked, because it is a bill about to grow.
 */
import { Fragment, useEffect, useState } from 'react';
import { Button } from '../../components/Button.js';
import { SectionAnnouncer, SectionCard } from '../../components/SectionCard.js';
import { SectionFormRow, SectionTable, type SectionColumn } from '../../components/SectionTable.js';
import { Banner, EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { Tag } from '../../components/StatusPill.js';
import { AlertIcon, CoinsIcon } from '../../components/icons.js';
import { formatCurrency, formatDate, formatNumber } from '../../lib/format.js';
import { useRowEditing } from '../../lib/useRowEditing.js';
import type { ProfileDetail } from '../../types.js';
import { EntitlementForm } from './EntitlementForm.js';
import { entitlementRows, isOverAllocated, monthlyCost, type EntitlementRow } from './entitlement-form.js';
import { useEntitlementsStore } from './store.js';
import './entitlements.css';

const COLUMNS: readonly SectionColumn[] = [
  { label: 'License type' },
  { label: 'Used / owned' },
  { label: 'Unit cost', num: true },
  { label: 'Currency' },
  { label: 'Period' },
  { label: 'Renewal' },
  { label: 'Monthly cost', num: true },
];

export function EntitlementsTab({ profile }: { profile: ProfileDetail }) {
  const status = useEntitlementsStore((state) => state.status);
  const entitlements = useEntitlementsStore((state) => state.entitlements);
  const error = useEntitlementsStore((state) => state.error);
  const load = useEntitlementsStore((state) => state.load);
  const rowEditing = useRowEditing();
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void load(profile.id);
  }, [profile.id, load]);

  const salesforceNote =
    profile.vendor === 'salesforce' ? (
      <Banner tone="info" title="Salesforce counts the seats you own">
        <p>
          Each sync reads the seats owned per license from Salesforce’s UserLicense object (TotalLicenses, in Setup under Company
          Information › User Licenses) and writes them here. Enter the price and renewal date; the owned count follows Salesforce.
        </p>
      </Banner>
    ) : null;

  if (status === 'error') {
    return <ErrorState title="Seatwise could not load the entitlements" message={error ?? ''} onRetry={() => void load(profile.id)} />;
  }
  if (status !== 'ready') {
    return (
      <LoadingRegion label="Loading the entitlements…">
        <div className="card card--flush">
          {[0, 1, 2].map((index) => (
            <div className="skeleton-row" key={index}>
              <Skeleton width={160} height={12} />
              <Skeleton width={140} height={12} />
              <Skeleton width={80} height={12} />
              <Skeleton width={60} height={12} />
              <Skeleton width={100} height={12} />
              <Skeleton width={90} height={12} />
            </div>
          ))}
        </div>
      </LoadingRegion>
    );
  }

  const rows = entitlementRows(profile, entitlements);
  if (rows.length === 0) {
    return (
      <div className="card">
        <EmptyState
          art={
            <span className="empty-icon">
              <CoinsIcon size={28} />
            </span>
          }
          title="No license types yet"
        >
          <p>
            Once {profile.name} has synced, each of its license types shows here: set the seats you own and what they cost, and Seatwise
            puts a price on every unused seat.
          </p>
        </EmptyState>
      </div>
    );
  }

  const over = rows.filter(isOverAllocated);

  return (
    <div className="entitlements-tab">
      {salesforceNote}
      {over.length > 0 ? (
        <Banner tone="warning" title={over.length === 1 ? 'One license type is over-allocated' : `${over.length} license types are over-allocated`}>
          <p>
            More seats are in use than owned for {over.map((row) => row.licenseType).join(', ')}: expect a true-up on the next invoice, or
            reclaim seats first.
          </p>
        </Banner>
      ) : null}
      <SectionCard
        titleId="entitlements-title"
        title="Seats owned and costs"
        lead="What you pay for each license type. Costs put a price on unused seats and on the savings above."
      >
        <SectionAnnouncer className="entitlements__announcer" testId="entitlements-announcer" note={message ? { tone: 'success', text: message } : null} />
        <SectionTable className="data-table--row-headers entitlements-table" labelledBy="entitlements-title" columns={COLUMNS}>
          {rows.map((row) => (
            <Fragment key={row.licenseType}>
              <EntitlementTableRow
                row={row}
                editing={rowEditing.editing === row.licenseType}
                onEdit={() => {
                  setMessage(null);
                  rowEditing.open(row.licenseType);
                }}
                editRef={rowEditing.buttonRef(row.licenseType)}
              />
              {rowEditing.editing === row.licenseType ? (
                <SectionFormRow columns={COLUMNS}>
                  <EntitlementForm
                    profileId={profile.id}
                    currency={profile.currency}
                    row={row}
                    onCancel={() => rowEditing.close(row.licenseType)}
                    onSaved={(saved) => {
                      setMessage(
                        `Saved ${saved.licenseType}: ${saved.owned === null ? 'seats owned unknown' : `${formatNumber(saved.owned)} seats owned`}, ` +
                          `${formatCurrency(saved.unitCost, saved.currency, { precise: true })} per ${saved.period}.`,
                      );
                      rowEditing.close(row.licenseType);
                    }}
                  />
                </SectionFormRow>
              ) : null}
            </Fragment>
          ))}
        </SectionTable>
      </SectionCard>
    </div>
  );
}

function EntitlementTableRow({
  row,
  editing,
  onEdit,
  editRef,
}: {
  row: EntitlementRow;
  editing: boolean;
  onEdit: () => void;
  editRef: (element: HTMLButtonElement | null) => void;
}) {
  const e = row.entitlement;
  const over = isOverAllocated(row);
  const cost = monthlyCost(row);
  const owned = e?.owned ?? null;
  const fill = owned === null || owned === 0 ? (row.used > 0 && owned === 0 ? 1 : 0) : Math.min(1, row.used / owned);
  return (
    <tr className={[editing ? 'is-editing' : '', over ? 'is-over' : ''].filter(Boolean).join(' ') || undefined}>
      <th scope="row">
        <span className="entitlements-table__type">
          {row.licenseType}
          {row.paid === false ? <Tag>Free</Tag> : null}
          {row.paid === null ? <Tag title="No seat of this type in the last sync">Not seen</Tag> : null}
        </span>
      </th>
      <td>
        <div className="usage">
          <span className="usage__figures">
            <strong>{formatNumber(row.used)}</strong>
            <span className="muted"> of {owned === null ? 'unknown' : formatNumber(owned)}</span>
          </span>
          {owned !== null ? (
            <span className={over ? 'usage__bar is-over' : 'usage__bar'} aria-hidden="true">
              <span className="usage__fill" style={{ width: `${Math.round(fill * 100)}%` }} />
            </span>
          ) : null}
          {over ? (
            <span className="usage__over">
              <AlertIcon size={14} />
              Over by {formatNumber(row.used - (owned ?? 0))}
            </span>
          ) : owned !== null && owned > row.used ? (
            <span className="usage__spare">{formatNumber(owned - row.used)} unassigned</span>
          ) : null}
        </div>
      </td>
      <td className="num">{e ? formatCurrency(e.unitCost, e.currency, { precise: true }) : <span className="muted">Not set</span>}</td>
      <td>{e ? <span className="mono-value">{e.currency}</span> : <span className="muted">–</span>}</td>
      <td>{e ? (e.period === 'year' ? 'Per year' : 'Per month') : <span className="muted">–</span>}</td>
      <td className="nowrap">
        {e?.renewalDate ? <time dateTime={e.renewalDate}>{formatDate(`${e.renewalDate.slice(0, 10)}T12:00:00`)}</time> : <span className="muted">–</span>}
      </td>
      <td className="num">
        {cost && e ? (
          <span className="num-stack">
            <span className="money">{formatCurrency(cost.amount, e.currency)}</span>
            <span className="num-stack__sub">{cost.basis === 'owned' ? 'seats owned' : 'seats used'}</span>
          </span>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td className="actions-col">
        <Button ref={editRef} size="sm" variant="secondary" onClick={onEdit} disabled={editing} aria-label={`${e ? 'Edit' : 'Set'} ${row.licenseType}`}>
          {e ? 'Edit' : 'Set'}
        </Button>
      </td>
    </tr>
  );
}

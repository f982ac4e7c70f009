/**
 * Reclamation candidates: a virtualized table over every candidate of a scope. The query
 * (candidate-query.ts) searches, filters, sorts and groups all of them; tanstack table owns
 * the columns, the sorting toggles and the cells of the rows in view; tanstack virtual picks
 * which items (group headers and rows) are in view. Only those are in the DOM.
 */
import { useDeferredValue, useId, useMemo, type MouseEvent } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { Button } from '../../components/Button.js';
import { CheckIcon, XIcon } from '../../components/icons.js';
import { StatusPill, Tag } from '../../components/StatusPill.js';
import { SearchField } from '../../components/SearchField.js';
import { ToolbarCount } from '../../components/ToolbarCount.js';
import { VirtualRow, VirtualTable } from '../../components/VirtualTable.js';
import type { Tone } from '../../lib/status.js';
import { href } from '../../router.js';
import { formatCurrency, formatDate, formatDateTime, formatNumber, plural } from '../../lib/format.js';
import {
  buildCandidateIndex,
  costOf,
  queryCandidates,
  rangeIds,
  statusesOf,
  type CandidateGroup,
  type CandidateRow,
  type CandidateStatusName,
  type GroupBy,
  type ListItem,
  type MoneyByCurrency,
  type ReasonFilter,
  type StatusFilter,
} from './candidate-query.js';
import { ExportButton } from './ExportDialog.js';
import { NoticesButton, type NoticesTarget } from './NoticesDialog.js';
import { ReclaimButton, reclaimTarget } from '../reclaim/ReclaimButton.js';
import { useCandidatesStore } from './store.js';

export const ROW_HEIGHT = 52;
export const GROUP_HEIGHT = 40;

export const STATUS_LOOK: Record<CandidateStatusName, { label: string; tone: Tone }> = {
  open: { label: 'Open', tone: 'warning' },
  approved: { label: 'Approved', tone: 'info' },
  rejected: { label: 'Rejected', tone: 'neutral' },
  reclaimed: { label: 'Reclaimed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  resolved: { label: 'Resolved', tone: 'neutral' },
};

/** Said on hover of the Orphan badge, here and on the record's seats. */
export const ORPHAN_EXPLAINED = 'No directory source knows this email';

/** A leaver's rule line: "at once after leaving", "30 days after leaving". */
export function afterLeaving(days: number): string {
  return days === 0 ? 'at once after leaving' : `${plural(days, 'day')} after leaving`;
}

export function formatMoney(cost: MoneyByCurrency): string {
  if (cost.length === 0) return '—';
  return cost.map((entry) => formatCurrency(entry.amount, entry.currency)).join(' + ');
}

/** Checkbox cells read the selection from the store, so the columns never rebuild. */
function SelectCell({ row }: { row: CandidateRow }) {
  const checked = useCandidatesStore((state) => state.selected.has(row.id));
  return (
    <input
      type="checkbox"
      className="checkbox"
      checked={checked}
      // The click handler on the row decides (it knows about shift); this keeps React quiet.
      onChange={() => undefined}
      data-select={row.id}
      aria-label={`Select ${row.name || row.email}, ${row.licenseType}`}
    />
  );
}

/** The columns; on a record (one integration) the integration's name is not repeated on every row. */
function buildColumns(showIntegration: boolean): ColumnDef<CandidateRow>[] {
  return [
    { id: 'select', header: 'Select', enableSorting: false, meta: { width: 44, cellClass: 'select-cell' }, cell: ({ row }) => <SelectCell row={row.original} /> },
    {
      id: 'name',
      header: 'Person',
      accessorFn: (row) => row.name || row.email,
      cell: ({ row }) => (
        <div className="user-cell">
          <span className="user-cell__line">
            <span className="user-cell__name" title={row.original.name || row.original.email}>
              {row.original.name || row.original.email}
            </span>
            {row.original.reason === 'leaver' ? (
              <Tag tone="danger" title="The directory says this person has left">
                Leaver
              </Tag>
            ) : null}
            {row.original.orphan ? <Tag title={ORPHAN_EXPLAINED}>Orphan</Tag> : null}
          </span>
          <span className="user-cell__email" title={row.original.email}>
            {row.original.email}
          </span>
        </div>
      ),
    },
    {
      // The integration under the license type: one column fewer, so names and rules fit at 1440 px.
      id: 'licenseType',
      header: 'License type',
      accessorFn: (row) => row.licenseType,
      meta: { width: 168 },
      cell: ({ row }) => (
        <div className="user-cell">
          <span className="truncate" title={row.original.licenseType}>
            {row.original.licenseType}
          </span>
          {showIntegration ? (
            <span className="truncate candidates__why" title={row.original.profileName}>
              {row.original.profileName}
            </span>
          ) : null}
        </div>
      ),
    },
    {
      // Days inactive with the day it counts from: the last activity, or the seat never used.
      id: 'daysInactive',
      header: 'Inactive',
      accessorFn: (row) => row.daysInactive,
      sortDescFirst: true,
      meta: { width: 136 },
      cell: ({ row }) => (
        <div className="user-cell">
          <span className="days days--stale">{plural(row.original.daysInactive, 'day')}</span>
          {row.original.reason === 'leaver' ? (
            // A leaver's days count from the day they left, whatever their activity.
            <time className="candidates__why" dateTime={row.original.inactiveSince} title={`Left ${formatDateTime(row.original.inactiveSince)}`}>
              left {formatDate(row.original.inactiveSince)}
            </time>
          ) : row.original.lastActivityAt ? (
            <time className="candidates__why" dateTime={row.original.lastActivityAt} title={`Last activity ${formatDateTime(row.original.lastActivityAt)}`}>
              since {formatDate(row.original.lastActivityAt)}
            </time>
          ) : (
            <span className="candidates__why">never active</span>
          )}
        </div>
      ),
    },
    {
      id: 'rule',
      header: 'Rule',
      accessorFn: (row) => row.ruleName,
      cell: ({ row }) => (
        <div className="user-cell" title={row.original.why}>
          <span className="truncate">{row.original.ruleName}</span>
          <span className="truncate candidates__why">
            {row.original.reason === 'leaver' ? afterLeaving(row.original.thresholdDays) : `${plural(row.original.thresholdDays, 'day')} without activity`}
          </span>
        </div>
      ),
    },
    {
      id: 'monthlyCost',
      header: 'Monthly cost',
      accessorFn: (row) => row.monthlyCost,
      sortDescFirst: true,
      meta: { numeric: true, width: 150 },
      cell: ({ row }) =>
        row.original.monthlyCost !== null && row.original.currency ? (
          <span className="money">{formatCurrency(row.original.monthlyCost, row.original.currency, { precise: true })}</span>
        ) : (
          <a className="muted" href={href({ name: 'profile', id: row.original.profileId, tab: 'entitlements' })}>
            Set a unit cost
          </a>
        ),
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (row) => row.status,
      meta: { width: 248 },
      cell: ({ row }) => {
        const { status, reclaimableAt, autoReclaimAt, taskWrittenAt } = row.original;
        const look = STATUS_LOOK[status];
        // The date written in the person's notice, and whether a sync will act by itself: said
        // where the decision is made, so nothing happens that the admin did not see coming.
        const pending = status === 'open' || status === 'approved';
        return (
          <div className="candidates__status">
            <span className="candidates__status-line">
              <StatusPill tone={look.tone}>{look.label}</StatusPill>
              {pending && reclaimableAt !== undefined ? (
                <time className="candidates__reclaim" dateTime={reclaimableAt} title={`The notice says the seat is reclaimed on ${formatDateTime(reclaimableAt)}; nothing is reclaimed before.`}>
                  notice date {formatDate(reclaimableAt)}
                </time>
              ) : null}
              {pending && taskWrittenAt !== undefined ? (
                <time className="candidates__reclaim" dateTime={taskWrittenAt} title="Written to a reclaim task list: not reclaimed until marked reclaimed.">
                  task written {formatDate(taskWrittenAt)}
                </time>
              ) : null}
            </span>
            {pending && autoReclaimAt !== undefined ? (
              <time className="candidates__reclaim candidates__auto" dateTime={autoReclaimAt}>
                will be reclaimed automatically on {formatDate(autoReclaimAt)}
              </time>
            ) : null}
          </div>
        );
      },
    },
  ];
}

const ALL_COLUMNS = buildColumns(true);
const SCOPED_COLUMNS = buildColumns(false);

const STATUS_OPTIONS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'actionable', label: 'Open and approved' },
  { value: 'open', label: 'Open' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'reclaimed', label: 'Reclaimed' },
  { value: 'failed', label: 'Failed' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All statuses' },
];

export interface CandidatesTableProps {
  rows: CandidateRow[];
  /** Scoped to one profile: the Integration column and filter are moot. */
  profileScoped?: boolean;
}

export function CandidatesTable({ rows, profileScoped = false }: CandidatesTableProps) {
  const search = useCandidatesStore((state) => state.search);
  const profileFilter = useCandidatesStore((state) => state.profileFilter);
  const licenseType = useCandidatesStore((state) => state.licenseType);
  const statusFilter = useCandidatesStore((state) => state.statusFilter);
  const reasonFilter = useCandidatesStore((state) => state.reasonFilter);
  const sorting = useCandidatesStore((state) => state.sorting);
  const groupBy = useCandidatesStore((state) => state.groupBy);
  const selected = useCandidatesStore((state) => state.selected);
  const pending = useCandidatesStore((state) => state.pending);
  const bulkError = useCandidatesStore((state) => state.bulkError);
  const announcement = useCandidatesStore((state) => state.announcement);
  const store = useCandidatesStore.getState;

  const deferredSearch = useDeferredValue(search);
  const ids = useId();

  const options = useMemo(() => {
    const profiles = new Map<string, string>();
    const types = new Map<string, number>();
    const reasons = { inactive: 0, leaver: 0 };
    for (const row of rows) {
      profiles.set(row.profileId, row.profileName);
      types.set(row.licenseType, (types.get(row.licenseType) ?? 0) + 1);
      reasons[row.reason]++;
    }
    return {
      profiles: [...profiles.entries()].sort((a, b) => a[1].localeCompare(b[1])),
      types: [...types.entries()].sort((a, b) => a[0].localeCompare(b[0])),
      reasons,
    };
  }, [rows]);

  const index = useMemo(() => buildCandidateIndex(rows), [rows]);
  const sort = sorting[0];
  const sortId = sort?.id;
  const sortDesc = sort?.desc ?? false;
  const effectiveGroup: GroupBy = profileScoped && groupBy === 'profile' ? 'none' : groupBy;
  const result = useMemo(
    () =>
      queryCandidates(index, {
        search: deferredSearch,
        profileId: profileScoped ? '' : profileFilter,
        licenseType,
        status: statusFilter,
        reason: reasonFilter,
        sort: sortId ? { id: sortId, desc: sortDesc } : undefined,
        groupBy: effectiveGroup,
      }),
    [index, deferredSearch, profileScoped, profileFilter, licenseType, statusFilter, reasonFilter, sortId, sortDesc, effectiveGroup],
  );
  const shown = result.rows;
  const items = result.items;
  const filtered =
    deferredSearch.trim() !== '' || (!profileScoped && profileFilter !== '') || licenseType !== '' || statusFilter !== 'actionable' || reasonFilter !== 'all';
  // Without a directory nobody is a leaver: the Reason filter would have one choice.
  const showReason = options.reasons.leaver > 0 || reasonFilter !== 'all';

  // Bulk actions act on the selected rows that are shown: a filter never hides what you act on.
  const selectedShown = useMemo(() => shown.filter((row) => selected.has(row.id)), [shown, selected]);
  const selectedCost = useMemo(() => costOf(selectedShown), [selectedShown]);
  // Notices go to the selection, or else to everyone shown. When the filters hide no open or
  // approved candidate (the only ones with notices), the whole scope is asked for instead of
  // sending every id.
  const noticesTarget = useMemo<NoticesTarget>(() => {
    if (selectedShown.length > 0) return { candidateIds: selectedShown.map((row) => row.id), count: selectedShown.length, selection: true };
    const actionable = (row: CandidateRow) => row.status === 'open' || row.status === 'approved';
    let hidden = 0;
    for (const row of rows) if (actionable(row)) hidden++;
    for (const row of shown) if (actionable(row)) hidden--;
    return { candidateIds: hidden === 0 ? undefined : shown.map((row) => row.id), count: shown.length, selection: false };
  }, [rows, shown, selectedShown]);
  const scope = useCandidatesStore((state) => state.scope);
  const profileInView = profileScoped ? scope : profileFilter || null;
  const reclaim = useMemo(() => {
    const approved = new Map<string, number>();
    for (const row of rows) if (row.status === 'approved') approved.set(row.profileId, (approved.get(row.profileId) ?? 0) + 1);
    return reclaimTarget(selectedShown, profileInView, approved);
  }, [rows, selectedShown, profileInView]);
  const exportRows = useMemo(() => ({ selected: selectedShown, shown, total: rows.length }), [selectedShown, shown, rows.length]);
  const allShownSelected = shown.length > 0 && selectedShown.length === shown.length;
  const someShownSelected = selectedShown.length > 0 && !allShownSelected;

  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, row: CandidateRow, position: number) => {
    const target = event.target as HTMLElement;
    // Only the checkbox cell selects: the rest of the row keeps text selectable.
    if (!target.closest('td.select-cell')) return;
    const state = store();
    const anchorPosition = state.anchor ? shown.findIndex((r) => r.id === state.anchor) : -1;
    if (event.shiftKey && anchorPosition >= 0) {
      const on = !state.selected.has(row.id) || state.selected.has(state.anchor ?? '');
      state.selectMany(rangeIds(shown, anchorPosition, position), on, row.id);
      // A shift-click in a checkbox would otherwise also toggle the text selection.
      window.getSelection()?.removeAllRanges();
    } else {
      state.toggle(row.id);
    }
  };

  const toggleAllShown = () => {
    store().selectMany(
      shown.map((row) => row.id),
      !allShownSelected,
    );
  };

  return (
    <div className="subscriptions candidates">
      <div className="table-toolbar" role="search">
        <SearchField id={`${ids}-search`} label="Search candidates" placeholder="Search name, email, license, rule…" value={search} onChange={(value) => store().setSearch(value)} />
        {profileScoped ? null : (
          <div className="inline-field">
            <label htmlFor={`${ids}-profile`}>Integration</label>
            <select id={`${ids}-profile`} className="input select select--compact" value={profileFilter} onChange={(event) => store().setProfileFilter(event.target.value)}>
              <option value="">All</option>
              {options.profiles.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="inline-field">
          <label htmlFor={`${ids}-license`}>License</label>
          <select id={`${ids}-license`} className="input select select--compact" value={licenseType} onChange={(event) => store().setLicenseType(event.target.value)}>
            <option value="">All types</option>
            {options.types.map(([name, count]) => (
              <option key={name} value={name}>
                {name} ({formatNumber(count)})
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={`${ids}-status`}>Status</label>
          <select id={`${ids}-status`} className="input select select--compact" value={statusFilter} onChange={(event) => store().setStatusFilter(event.target.value as StatusFilter)}>
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        {showReason ? (
          <div className="inline-field">
            <label htmlFor={`${ids}-reason`}>Reason</label>
            <select id={`${ids}-reason`} className="input select select--compact" value={reasonFilter} onChange={(event) => store().setReasonFilter(event.target.value as ReasonFilter)}>
              <option value="all">All</option>
              <option value="inactive">Inactive ({formatNumber(options.reasons.inactive)})</option>
              <option value="leaver">Leavers ({formatNumber(options.reasons.leaver)})</option>
            </select>
          </div>
        ) : null}
        <div className="inline-field">
          <label htmlFor={`${ids}-group`}>Group by</label>
          <select id={`${ids}-group`} className="input select select--compact" value={effectiveGroup} onChange={(event) => store().setGroupBy(event.target.value as GroupBy)}>
            <option value="none">None</option>
            {profileScoped ? null : <option value="profile">Integration</option>}
            <option value="licenseType">License type</option>
          </select>
        </div>
        {filtered ? (
          <Button variant="ghost" size="sm" icon={<XIcon />} onClick={() => store().clearFilters()}>
            Clear filters
          </Button>
        ) : null}
        <ToolbarCount shown={shown.length} total={rows.length} noun="candidate" filtered={filtered}>
          {formatMoney(result.cost)}/mo
        </ToolbarCount>
      </div>

      <div className={selectedShown.length > 0 ? 'bulk-bar is-active' : 'bulk-bar'} aria-label="Selection" role="group">
        <p className="bulk-bar__summary">
          {selectedShown.length > 0 ? (
            <>
              <strong>{formatNumber(selectedShown.length)}</strong> selected
              <span className="table-toolbar__sep" aria-hidden="true">
                ·
              </span>
              potential savings <strong className="money">{formatMoney(selectedCost)}</strong>/mo
            </>
          ) : (
            <span className="muted">Select candidates to approve or reject them. Shift-click selects a range.</span>
          )}
          {reclaim.reason ? (
            <span className="bulk-bar__reason" id={`${ids}-reclaim-reason`}>
              {reclaim.reason}
            </span>
          ) : null}
        </p>
        <div className="bulk-bar__actions">
          {selectedShown.length > 0 ? (
            <Button variant="ghost" size="sm" onClick={() => store().clearSelection()}>
              Clear selection
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="secondary"
            icon={<XIcon />}
            disabled={selectedShown.length === 0}
            busy={pending === 'rejected'}
            onClick={() => void store().decide(selectedShown.map((row) => row.id), 'rejected')}
          >
            Reject
          </Button>
          <Button
            size="sm"
            variant="primary"
            icon={<CheckIcon />}
            disabled={selectedShown.length === 0}
            busy={pending === 'approved'}
            onClick={() => void store().decide(selectedShown.map((row) => row.id), 'approved')}
          >
            Approve
          </Button>
          <ReclaimButton target={reclaim} reasonId={`${ids}-reclaim-reason`} onFinished={() => void store().load(scope, { force: true })} />
          <span className="bulk-bar__divider" aria-hidden="true" />
          <NoticesButton target={noticesTarget} />
          <ExportButton rows={exportRows} />
        </div>
      </div>
      {bulkError ? (
        <p className="candidates__error" role="alert">
          Nothing was changed: {bulkError}
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite" data-testid="candidates-announcer">
        {announcement}
      </p>

      <VirtualTable
        items={items}
        rowOf={candidateOf}
        getRowId={candidateId}
        columns={profileScoped ? SCOPED_COLUMNS : ALL_COLUMNS}
        sorting={sorting}
        onSortingChange={(next) => store().setSorting(next)}
        enableSortingRemoval={false}
        rowHeight={ROW_HEIGHT}
        itemHeight={itemHeight}
        itemKey={groupKey}
        label="Candidates table, scrollable"
        renderHeader={(header) =>
          header.column.id === 'select' ? (
            <SelectAllHeader shownCount={shown.length} all={allShownSelected} some={someShownSelected} onToggle={toggleAllShown} />
          ) : undefined
        }
        renderItem={(item, { index, row, span }) => {
          if (item.kind === 'group') return <GroupRow group={item} index={index} span={span} />;
          return row ? (
            <VirtualRow
              row={row}
              index={index}
              className={selected.has(row.id) ? 'is-selected' : undefined}
              onClick={(event) => onRowClick(event, item.row, item.position)}
            />
          ) : null;
        }}
      >
        {shown.length === 0 ? (
          <div className="vtable-empty">
            <p className="vtable-empty__title">No candidates match these filters</p>
            <p className="muted">
              {deferredSearch.trim() ? `Nothing matches “${deferredSearch.trim()}”. ` : ''}
              {statusesOf(statusFilter).length < 6 ? 'Other statuses may hold what you are looking for. ' : ''}Try fewer words or another filter.
            </p>
            <Button size="sm" onClick={() => store().clearFilters()}>
              Clear filters
            </Button>
          </div>
        ) : null}
      </VirtualTable>
    </div>
  );
}

const candidateOf = (item: ListItem): CandidateRow | undefined => (item.kind === 'row' ? item.row : undefined);
const candidateId = (row: CandidateRow): string => row.id;
const itemHeight = (item: ListItem): number => (item.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT);
const groupKey = (item: ListItem): string => (item.kind === 'group' ? `g:${item.key}` : '');

function SelectAllHeader({ shownCount, all, some, onToggle }: { shownCount: number; all: boolean; some: boolean; onToggle: () => void }) {
  return (
    <th scope="col" className="select-cell">
      <input
        type="checkbox"
        className="checkbox"
        aria-label={`Select all ${formatNumber(shownCount)} shown`}
        title="Select all shown"
        checked={all}
        ref={(element) => {
          if (element) element.indeterminate = some;
        }}
        disabled={shownCount === 0}
        onChange={onToggle}
      />
    </th>
  );
}

function GroupRow({ group, index, span }: { group: CandidateGroup; index: number; span: number }) {
  const allSelected = useCandidatesStore((state) => group.ids.length > 0 && group.ids.every((id) => state.selected.has(id)));
  return (
    <tr className="candidates__group" aria-rowindex={index + 2} data-group={group.key}>
      <td className="select-cell">
        <input
          type="checkbox"
          className="checkbox"
          checked={allSelected}
          aria-label={`Select all ${formatNumber(group.count)} in ${group.label}`}
          onChange={() => useCandidatesStore.getState().selectMany(group.ids, !allSelected)}
        />
      </td>
      <td colSpan={span - 1}>
        <div className="candidates__group-line">
          <span className="candidates__group-label">{group.label}</span>
          <span className="candidates__group-count">{plural(group.count, 'candidate')}</span>
          <span className="candidates__group-cost money">{formatMoney(group.cost)}/mo</span>
        </div>
      </td>
    </tr>
  );
}

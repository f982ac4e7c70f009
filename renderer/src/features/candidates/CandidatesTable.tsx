/**
 * Reclamation candidates: a virtualized table over every candidate of a scope. The query
 * (candidate-query.ts) searches, filters, sorts and groups all of them; tanstack table owns
 * the columns, the sorting toggles and the cells of the rows in view; tanstack virtual picks
 * which items (group headers and rows) are in view. Only those are in the DOM.
 */
import { useDeferredValue, useId, useMemo, useRef, type MouseEvent } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Header, type Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button } from '../../components/Button.js';
import { CheckIcon, SearchIcon, SortIcon, XIcon } from '../../components/icons.js';
import { StatusPill } from '../../components/StatusPill.js';
import type { Tone } from '../../lib/status.js';
import { formatCurrency, formatDate, formatDateTime, formatNumber, plural } from '../../lib/format.js';
import {
  buildCandidateIndex,
  queryCandidates,
  rangeIds,
  statusesOf,
  type CandidateGroup,
  type CandidateRow,
  type CandidateStatusName,
  type GroupBy,
  type MoneyByCurrency,
  type StatusFilter,
} from './candidate-query.js';
import { ExportButton } from './ExportDialog.js';
import { useCandidatesStore } from './store.js';

export const ROW_HEIGHT = 52;
export const GROUP_HEIGHT = 40;
const OVERSCAN = 10;

export const STATUS_LOOK: Record<CandidateStatusName, { label: string; tone: Tone }> = {
  open: { label: 'Open', tone: 'warning' },
  approved: { label: 'Approved', tone: 'info' },
  rejected: { label: 'Rejected', tone: 'neutral' },
  reclaimed: { label: 'Reclaimed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  resolved: { label: 'Resolved', tone: 'neutral' },
};

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

const COLUMNS: ColumnDef<CandidateRow>[] = [
  { id: 'select', header: 'Select', enableSorting: false, meta: { width: 44 }, cell: ({ row }) => <SelectCell row={row.original} /> },
  {
    id: 'name',
    header: 'Person',
    accessorFn: (row) => row.name || row.email,
    cell: ({ row }) => (
      <div className="user-cell">
        <span className="user-cell__name">{row.original.name || row.original.email}</span>
        <span className="user-cell__email">{row.original.email}</span>
      </div>
    ),
  },
  { id: 'profile', header: 'Integration', accessorFn: (row) => row.profileName, meta: { width: 140 }, cell: ({ row }) => <span className="truncate">{row.original.profileName}</span> },
  { id: 'licenseType', header: 'License type', accessorFn: (row) => row.licenseType, meta: { width: 120 }, cell: ({ row }) => <span className="truncate">{row.original.licenseType}</span> },
  {
    id: 'lastActivityAt',
    header: 'Last activity',
    accessorFn: (row) => row.lastActivityAt,
    sortDescFirst: true,
    meta: { width: 124 },
    cell: ({ row }) =>
      row.original.lastActivityAt ? (
        <time dateTime={row.original.lastActivityAt} title={formatDateTime(row.original.lastActivityAt)}>
          {formatDate(row.original.lastActivityAt)}
        </time>
      ) : (
        <span className="muted">Never</span>
      ),
  },
  {
    id: 'daysInactive',
    header: 'Days inactive',
    accessorFn: (row) => row.daysInactive,
    sortDescFirst: true,
    meta: { numeric: true, width: 136 },
    cell: ({ row }) => <span className="days days--stale">{formatNumber(row.original.daysInactive)}</span>,
  },
  {
    id: 'rule',
    header: 'Rule · why',
    accessorFn: (row) => row.ruleName,
    cell: ({ row }) => (
      <div className="user-cell">
        <span className="truncate" title={`${row.original.ruleName}: ${row.original.thresholdDays} days`}>
          {row.original.ruleName}
        </span>
        <span className="truncate candidates__why" title={row.original.why}>
          {row.original.why}
        </span>
      </div>
    ),
  },
  {
    id: 'monthlyCost',
    header: 'Monthly cost',
    accessorFn: (row) => row.monthlyCost,
    sortDescFirst: true,
    meta: { numeric: true, width: 142 },
    cell: ({ row }) =>
      row.original.monthlyCost !== null && row.original.currency ? (
        <span className="money">{formatCurrency(row.original.monthlyCost, row.original.currency, { precise: true })}</span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (row) => row.status,
    meta: { width: 108 },
    cell: ({ row }) => {
      const look = STATUS_LOOK[row.original.status];
      return <StatusPill tone={look.tone}>{look.label}</StatusPill>;
    },
  },
];

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
    for (const row of rows) {
      profiles.set(row.profileId, row.profileName);
      types.set(row.licenseType, (types.get(row.licenseType) ?? 0) + 1);
    }
    return {
      profiles: [...profiles.entries()].sort((a, b) => a[1].localeCompare(b[1])),
      types: [...types.entries()].sort((a, b) => a[0].localeCompare(b[0])),
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
        sort: sortId ? { id: sortId, desc: sortDesc } : undefined,
        groupBy: effectiveGroup,
      }),
    [index, deferredSearch, profileScoped, profileFilter, licenseType, statusFilter, sortId, sortDesc, effectiveGroup],
  );
  const shown = result.rows;
  const items = result.items;
  const filtered = deferredSearch.trim() !== '' || (!profileScoped && profileFilter !== '') || licenseType !== '' || statusFilter !== 'actionable';

  // Bulk actions act on the selected rows that are shown: a filter never hides what you act on.
  const selectedShown = useMemo(() => shown.filter((row) => selected.has(row.id)), [shown, selected]);
  const selectedCost = useMemo(() => {
    const total: MoneyByCurrency = [];
    for (const row of selectedShown) {
      if (row.monthlyCost === null || !row.currency) continue;
      const entry = total.find((e) => e.currency === row.currency);
      if (entry) entry.amount += row.monthlyCost;
      else total.push({ currency: row.currency, amount: row.monthlyCost });
    }
    return total.sort((a, b) => b.amount - a.amount);
  }, [selectedShown]);
  const allShownSelected = shown.length > 0 && selectedShown.length === shown.length;
  const someShownSelected = selectedShown.length > 0 && !allShownSelected;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    overscan: OVERSCAN,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const paddingTop = virtualItems.length > 0 ? (virtualItems[0]?.start ?? 0) : 0;
  const paddingBottom = virtualItems.length > 0 ? virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0) : 0;

  const windowRows = useMemo(() => {
    const out: CandidateRow[] = [];
    for (const item of virtualItems) {
      const entry = items[item.index];
      if (entry?.kind === 'row') out.push(entry.row);
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, virtualItems.map((item) => item.index).join(',')]);
  const table = useReactTable({
    data: windowRows,
    columns: COLUMNS,
    state: { sorting, columnVisibility: { profile: !profileScoped } },
    onSortingChange: (updater) => store().setSorting(typeof updater === 'function' ? updater(store().sorting) : updater),
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });
  const rowById = new Map(table.getRowModel().rows.map((row) => [row.id, row] as const));
  const leafColumns = table.getVisibleLeafColumns();

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
        <div className="search-input">
          <SearchIcon className="search-input__icon" />
          <label htmlFor={`${ids}-search`} className="visually-hidden">
            Search candidates
          </label>
          <input
            id={`${ids}-search`}
            className="input input--search"
            type="search"
            placeholder="Search name, email, license, rule…"
            autoComplete="off"
            spellCheck={false}
            value={search}
            onChange={(event) => store().setSearch(event.target.value)}
          />
        </div>
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
        <p className="table-toolbar__count" role="status" aria-live="polite">
          {filtered ? (
            <>
              {formatNumber(shown.length)} of {plural(rows.length, 'candidate')}
            </>
          ) : (
            plural(shown.length, 'candidate')
          )}
          <span className="table-toolbar__sep" aria-hidden="true">
            ·
          </span>
          {formatMoney(result.cost)}/mo
        </p>
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
          <span className="bulk-bar__divider" aria-hidden="true" />
          <ExportButton statusFilter={statusFilter} shownCount={shown.length} totalCount={rows.length} />
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

      <div className="vtable-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label="Candidates table, scrollable">
        <table className="data-table vtable" aria-rowcount={items.length + 1} aria-multiselectable="true">
          <colgroup>
            {leafColumns.map((column) => (
              <col key={column.id} style={column.columnDef.meta?.width ? { width: column.columnDef.meta.width } : undefined} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) =>
                  header.column.id === 'select' ? (
                    <th scope="col" key={header.id} className="select-cell">
                      <input
                        type="checkbox"
                        className="checkbox"
                        aria-label={`Select all ${formatNumber(shown.length)} shown`}
                        title="Select all shown"
                        checked={allShownSelected}
                        ref={(element) => {
                          if (element) element.indeterminate = someShownSelected;
                        }}
                        disabled={shown.length === 0}
                        onChange={toggleAllShown}
                      />
                    </th>
                  ) : (
                    <HeaderCell key={header.id} header={header} />
                  ),
                )}
              </tr>
            ))}
          </thead>
          <tbody>
            {paddingTop > 0 ? (
              <tr className="vtable__spacer" aria-hidden="true">
                <td colSpan={leafColumns.length} style={{ height: paddingTop }} />
              </tr>
            ) : null}
            {virtualItems.map((item) => {
              const entry = items[item.index];
              if (!entry) return null;
              if (entry.kind === 'group') return <GroupRow key={`g:${entry.key}`} group={entry} index={item.index} span={leafColumns.length} />;
              const row = rowById.get(entry.row.id);
              return row ? (
                <CandidateTableRow key={row.id} row={row} index={item.index} selected={selected.has(row.id)} onClick={(event) => onRowClick(event, entry.row, entry.position)} />
              ) : null;
            })}
            {paddingBottom > 0 ? (
              <tr className="vtable__spacer" aria-hidden="true">
                <td colSpan={leafColumns.length} style={{ height: paddingBottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
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
      </div>
    </div>
  );
}

function HeaderCell({ header }: { header: Header<CandidateRow, unknown> }) {
  const column = header.column;
  const numeric = column.columnDef.meta?.numeric === true;
  const label = flexRender(column.columnDef.header, header.getContext());
  if (!column.getCanSort()) {
    return (
      <th scope="col" className={numeric ? 'num' : undefined}>
        {label}
      </th>
    );
  }
  const direction = column.getIsSorted();
  const ariaSort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={numeric ? 'num' : undefined}>
      <button type="button" className={direction ? 'sort-button is-sorted' : 'sort-button'} onClick={column.getToggleSortingHandler()}>
        {label}
        <SortIcon sort={direction} size={14} className="sort-button__icon" />
      </button>
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

function CandidateTableRow({ row, index, selected, onClick }: { row: Row<CandidateRow>; index: number; selected: boolean; onClick: (event: MouseEvent<HTMLTableRowElement>) => void }) {
  return (
    <tr aria-rowindex={index + 2} aria-selected={selected} data-index={index} className={selected ? 'is-selected' : undefined} onClick={onClick}>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className={cell.column.id === 'select' ? 'select-cell' : cell.column.columnDef.meta?.numeric ? 'num' : undefined}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}

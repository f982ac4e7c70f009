/**
 * The seats of one profile: a virtualized table over every subscription. The query engine
 * (seat-query.ts) searches, filters and sorts all of them in memory; tanstack table defines
 * the columns, keeps the sorting state behind the header toggles and renders the cells of
 * the rows in view; tanstack virtual decides which rows are in view. Only those rows (plus a
 * few) are ever in the DOM, so 250,000 seats scroll as smoothly as 250.
 */
import { createContext, useContext, useDeferredValue, useId, useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { Button } from '../../components/Button.js';
import { XIcon } from '../../components/icons.js';
import { Tag } from '../../components/StatusPill.js';
import { SearchField } from '../../components/SearchField.js';
import { ToolbarCount } from '../../components/ToolbarCount.js';
import { VirtualRow, VirtualTable } from '../../components/VirtualTable.js';
import { formatDate, formatDateTime, formatNumber, formatRelative } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import type { SubscriptionRow } from '../../types.js';
import { buildSeatIndex, INACTIVE_AFTER_DAYS, querySeats, type ActivityFilter } from './seat-query.js';
import { useSubscriptionsStore } from './subscriptions-store.js';

/** Said on hover of the Orphan badge, as on the candidates (features/candidates). */
const ORPHAN_EXPLAINED = 'No directory source knows this email';

export const ROW_HEIGHT = 52;

/**
 * "Now" for relative times reaches the cells through context, so the columns (and with them
 * every row model over up to 250,000 rows) never need rebuilding when the clock ticks.
 */
const NowContext = createContext<number>(Date.now());

function LastActivityCell({ iso }: { iso: string | undefined }) {
  const now = useContext(NowContext);
  if (!iso) return <span className="muted">Never</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}

/**
 * Built once: nothing in a column depends on render-time values. Sorting itself happens in
 * seat-query.ts by column id; these definitions say which columns sort and which way first.
 */
const seatOf = (row: SubscriptionRow): SubscriptionRow => row;
const seatId = (row: SubscriptionRow): string => row.id;

const COLUMNS: ColumnDef<SubscriptionRow>[] = [
  {
    id: 'name',
    header: 'User',
    accessorFn: (row) => row.name || row.email,
    cell: ({ row }) => (
      <div className="user-cell">
        <span className="user-cell__line">
          <span className="user-cell__name">{row.original.name || row.original.email}</span>
          {row.original.owner ? <Tag tone="info">Owner</Tag> : row.original.admin ? <Tag tone="info">Admin</Tag> : null}
          {row.original.active ? null : <Tag tone="warning">Deactivated</Tag>}
          {row.original.orphan ? <Tag title={ORPHAN_EXPLAINED}>Orphan</Tag> : null}
        </span>
        <span className="user-cell__email">{row.original.email}</span>
      </div>
    ),
  },
  {
    id: 'licenseType',
    header: 'License type',
    accessorFn: (row) => row.licenseType,
    meta: { width: 220 },
    cell: ({ row }) => (
      <div className="cell-line">
        <span className="truncate">{row.original.licenseType}</span>
        {/* A deactivated member holds no seat at all: "free" would say they hold one that costs nothing. */}
        {row.original.seat === 'deactivated' ? <Tag>No seat</Tag> : !row.original.paid ? <Tag>Free</Tag> : null}
      </div>
    ),
  },
  {
    id: 'lastActivityAt',
    header: 'Last activity',
    accessorFn: (row) => row.lastActivityAt,
    sortDescFirst: true,
    meta: { width: 150 },
    cell: ({ row }) => <LastActivityCell iso={row.original.lastActivityAt} />,
  },
  {
    id: 'daysInactive',
    header: 'Days inactive',
    accessorFn: (row) => row.daysInactive,
    sortDescFirst: true,
    meta: { numeric: true, width: 150 },
    cell: ({ row }) => {
      const days = row.original.daysInactive;
      if (days === null) return <span className="muted">—</span>;
      return <span className={days >= INACTIVE_AFTER_DAYS ? 'days days--stale' : 'days'}>{formatNumber(days)}</span>;
    },
  },
  {
    id: 'startedAt',
    header: 'Seat since',
    accessorFn: (row) => row.startedAt,
    meta: { width: 130 },
    cell: ({ row }) => (row.original.startedAt ? formatDate(row.original.startedAt) : <span className="muted">—</span>),
  },
  {
    id: 'org',
    header: 'Org',
    accessorFn: (row) => row.orgLabel,
    meta: { width: 150 },
    cell: ({ row }) => <span className="truncate">{row.original.orgLabel}</span>,
  },
];

/** The same words main uses for a deactivated member (main/subscriptions/seat-counts.ts). */
export const DEACTIVATED_EXPLAINED = 'Deactivated members are still listed by the vendor but hold no seat: they are not counted as used and are never candidates.';

export interface SubscriptionsTableProps {
  rows: SubscriptionRow[];
  /** Show the Org column (profiles with extra orgs). */
  showOrg?: boolean;
  /** false when the vendor or plan reports no activity: the Activity filter is then moot. */
  activityAvailable?: boolean | null;
}

export function SubscriptionsTable({ rows, showOrg = false, activityAvailable = true }: SubscriptionsTableProps) {
  const search = useSubscriptionsStore((state) => state.search);
  const licenseType = useSubscriptionsStore((state) => state.licenseType);
  const activity = useSubscriptionsStore((state) => state.activity);
  const orphanOnly = useSubscriptionsStore((state) => state.orphanOnly);
  const sorting = useSubscriptionsStore((state) => state.sorting);
  const setSearch = useSubscriptionsStore((state) => state.setSearch);
  const setLicenseType = useSubscriptionsStore((state) => state.setLicenseType);
  const setActivity = useSubscriptionsStore((state) => state.setActivity);
  const setOrphanOnly = useSubscriptionsStore((state) => state.setOrphanOnly);
  const setSorting = useSubscriptionsStore((state) => state.setSorting);
  const clearFilters = useSubscriptionsStore((state) => state.clearFilters);

  const deferredSearch = useDeferredValue(search);
  const now = useNow(60_000);
  const ids = useId();

  // Per type: seats held, and deactivated members listed with it (who hold no seat).
  const licenseTypes = useMemo(() => {
    const counts = new Map<string, { held: number; deactivated: number }>();
    for (const row of rows) {
      let c = counts.get(row.licenseType);
      if (!c) counts.set(row.licenseType, (c = { held: 0, deactivated: 0 }));
      if (row.seat === 'deactivated') c.deactivated++;
      else c.held++;
    }
    return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [rows]);
  const anyDeactivated = useMemo(() => rows.some((row) => row.seat === 'deactivated'), [rows]);
  // Rows say whether they are orphans only when a directory exists; without one the toggle is moot.
  const orphans = useMemo(() => {
    let known = false;
    let count = 0;
    for (const row of rows) {
      if (row.orphan !== undefined) known = true;
      if (row.orphan === true) count++;
    }
    return known ? count : null;
  }, [rows]);
  const orphanFilter = orphanOnly && orphans !== null;

  // Keys and search text once per download; the query once per change of search, filter or sort.
  const index = useMemo(() => buildSeatIndex(rows), [rows]);
  const sort = sorting[0];
  const sortId = sort?.id;
  const sortDesc = sort?.desc ?? false;
  const result = useMemo(
    () => querySeats(index, { search: deferredSearch, licenseType, activity, orphanOnly: orphanFilter, sort: sortId ? { id: sortId, desc: sortDesc } : undefined }),
    [index, deferredSearch, licenseType, activity, orphanFilter, sortId, sortDesc],
  );
  const shown = result.rows;
  const filtered = deferredSearch.trim() !== '' || licenseType !== '' || activity !== 'all' || orphanFilter;

  return (
    <NowContext.Provider value={now}>
      <div className="subscriptions">
        <div className="table-toolbar" role="search">
          <SearchField id={`${ids}-search`} label="Search seats" placeholder="Search name, email, license type…" value={search} onChange={setSearch} />
          <div className="inline-field">
            <label htmlFor={`${ids}-license`}>License type</label>
            <select id={`${ids}-license`} className="input select select--compact" value={licenseType} onChange={(event) => setLicenseType(event.target.value)}>
              <option value="">All types</option>
              {licenseTypes.map(([name, count]) => (
                <option key={name} value={name}>
                  {name} ({formatNumber(count.held)}
                  {count.deactivated > 0 ? ` + ${formatNumber(count.deactivated)} deactivated` : ''})
                </option>
              ))}
            </select>
          </div>
          <div className="inline-field">
            <label htmlFor={`${ids}-activity`}>Activity</label>
            <select
              id={`${ids}-activity`}
              className="input select select--compact"
              value={activity}
              onChange={(event) => setActivity(event.target.value as ActivityFilter)}
              disabled={activityAvailable === false}
              aria-describedby={activityAvailable === false ? `${ids}-no-activity` : undefined}
            >
              <option value="all">All seats</option>
              <option value="active">Active in the last {INACTIVE_AFTER_DAYS} days</option>
              <option value="inactive">Inactive {INACTIVE_AFTER_DAYS}+ days</option>
              <option value="never">Never active</option>
            </select>
          </div>
          {orphans !== null ? (
            <label className="toolbar-check">
              <input type="checkbox" className="toolbar-check__box" checked={orphanOnly} onChange={(event) => setOrphanOnly(event.target.checked)} />
              Orphans only ({formatNumber(orphans)})
            </label>
          ) : null}
          {filtered ? (
            <Button variant="ghost" size="sm" icon={<XIcon />} onClick={clearFilters}>
              Clear filters
            </Button>
          ) : null}
          <ToolbarCount shown={shown.length} total={rows.length} noun="member" filtered={filtered}>
            {formatNumber(result.paid)} paid · {formatNumber(result.free)} free
            {result.deactivated > 0 || anyDeactivated ? ` · ${formatNumber(result.deactivated)} deactivated` : ''}
          </ToolbarCount>
        </div>
        {activityAvailable === false ? (
          <p className="muted subscriptions__note" id={`${ids}-no-activity`}>
            This application reports no user activity, so seats cannot be filtered by it.
          </p>
        ) : null}
        {anyDeactivated ? <p className="muted subscriptions__note">{DEACTIVATED_EXPLAINED}</p> : null}

        <VirtualTable
          items={shown}
          rowOf={seatOf}
          getRowId={seatId}
          columns={COLUMNS}
          columnVisibility={{ org: showOrg }}
          sorting={sorting}
          onSortingChange={setSorting}
          enableSortingRemoval
          rowHeight={ROW_HEIGHT}
          label="Seats table, scrollable"
          renderItem={(seat, { index, row }) => (row ? <VirtualRow row={row} index={index} className={seat.active ? undefined : 'is-deactivated'} /> : null)}
        >
          {shown.length === 0 ? (
            <div className="vtable-empty">
              <p className="vtable-empty__title">No seats match these filters</p>
              <p className="muted">
                {deferredSearch.trim() ? `Nothing matches “${deferredSearch.trim()}”. ` : ''}Try fewer words or another license type.
              </p>
              <Button size="sm" onClick={clearFilters}>
                Clear filters
              </Button>
            </div>
          ) : null}
        </VirtualTable>
      </div>
    </NowContext.Provider>
  );
}

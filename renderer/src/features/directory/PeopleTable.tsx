/**
 * The directory's people: a virtualized table (a large company's roster holds hundreds of
 * thousands) over the rows model.ts filters and sorts, with a search box, a status filter and
 * a source filter above it, and a count that says how many are shown of how many.
 */
import { useDeferredValue, useId, useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { Button } from '../../components/Button.js';
import { XIcon } from '../../components/icons.js';
import { SearchField } from '../../components/SearchField.js';
import { StatusPill } from '../../components/StatusPill.js';
import { ToolbarCount } from '../../components/ToolbarCount.js';
import { VirtualRow, VirtualTable } from '../../components/VirtualTable.js';
import { formatDate, formatDateTime, formatNumber, formatRelative, plural } from '../../lib/format.js';
import { endsLater, filterPeople, formatDay, isLeaver, STATUS_LOOK, STATUS_OPTIONS, statusCounts, type DirectoryPerson, type StatusFilter } from './model.js';
import { useDirectoryStore } from './store.js';

export const ROW_HEIGHT = 52;

function SinceCell({ person }: { person: DirectoryPerson }) {
  if (person.leftAt) {
    return (
      <div className="user-cell">
        <time dateTime={person.leftAt} title={formatDateTime(person.leftAt)}>
          since {formatDate(person.leftAt)}
        </time>
        {person.endDate ? <span className="directory__sub">HR last day {formatDay(person.endDate)}</span> : null}
      </div>
    );
  }
  if (person.endDate) {
    return <span className="nowrap">{endsLater(person.endDate) ? 'ends' : 'ended'} {formatDay(person.endDate)}</span>;
  }
  return <span className="muted">—</span>;
}

function LastSignInCell({ iso }: { iso: string | undefined }) {
  if (!iso) return <span className="muted" title="No source read a sign-in for this person">—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

function SourceCell({ person }: { person: DirectoryPerson }) {
  const others = person.sources.filter((source) => source !== person.source);
  return (
    <div className="user-cell" title={person.sources.join(', ')}>
      <span className="truncate">{person.source}</span>
      {others.length > 0 ? <span className="truncate directory__sub">and {others.length === 1 ? others[0] : plural(others.length, 'other source')}</span> : null}
    </div>
  );
}

const COLUMNS: ColumnDef<DirectoryPerson>[] = [
  {
    id: 'person',
    header: 'Person',
    accessorFn: (row) => row.name || row.email,
    cell: ({ row }) => (
      <div className="user-cell">
        <span className="user-cell__name" title={row.original.name || row.original.email}>
          {row.original.name || row.original.email}
        </span>
        <span className="user-cell__email" title={row.original.email}>
          {row.original.email}
        </span>
      </div>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (row) => row.status,
    meta: { width: 160 },
    cell: ({ row }) => <StatusPill tone={STATUS_LOOK[row.original.status].tone}>{STATUS_LOOK[row.original.status].label}</StatusPill>,
  },
  {
    id: 'since',
    header: 'Left / end date',
    accessorFn: (row) => row.leftAt ?? row.endDate,
    sortDescFirst: true,
    meta: { width: 210 },
    cell: ({ row }) => <SinceCell person={row.original} />,
  },
  {
    id: 'lastLoginAt',
    header: 'Last sign-in',
    accessorFn: (row) => row.lastLoginAt,
    sortDescFirst: true,
    meta: { width: 150 },
    cell: ({ row }) => <LastSignInCell iso={row.original.lastLoginAt} />,
  },
  {
    id: 'source',
    header: 'Source',
    accessorFn: (row) => row.source,
    meta: { width: 260 },
    cell: ({ row }) => <SourceCell person={row.original} />,
  },
];

const personOf = (row: DirectoryPerson): DirectoryPerson => row;
const personId = (row: DirectoryPerson): string => row.email.toLowerCase();

export function PeopleTable() {
  const people = useDirectoryStore((state) => state.people);
  const sources = useDirectoryStore((state) => state.sources);
  const search = useDirectoryStore((state) => state.search);
  const statusFilter = useDirectoryStore((state) => state.statusFilter);
  const sourceFilter = useDirectoryStore((state) => state.sourceFilter);
  const sorting = useDirectoryStore((state) => state.sorting);
  const store = useDirectoryStore.getState;
  const deferredSearch = useDeferredValue(search);
  const ids = useId();

  const counts = useMemo(() => statusCounts(people), [people]);
  const sort = sorting[0];
  const sortId = sort?.id;
  const sortDesc = sort?.desc ?? false;
  const shown = useMemo(
    () => filterPeople(people, sources, { search: deferredSearch, status: statusFilter, sourceId: sourceFilter }, sortId ? { id: sortId, desc: sortDesc } : undefined),
    [people, sources, deferredSearch, statusFilter, sourceFilter, sortId, sortDesc],
  );
  const leavers = useMemo(() => shown.reduce((n, person) => n + (isLeaver(person) ? 1 : 0), 0), [shown]);
  const filtered = deferredSearch.trim() !== '' || statusFilter !== 'all' || sourceFilter !== '';

  return (
    <section className="subscriptions directory-people" aria-labelledby={`${ids}-title`}>
      <h2 className="directory-people__title" id={`${ids}-title`}>
        People
      </h2>
      <div className="table-toolbar" role="search" aria-label="Filter people">
        <SearchField id={`${ids}-search`} label="Search people" placeholder="Search name or email…" value={search} onChange={(value) => store().setSearch(value)} />
        <div className="inline-field">
          <label htmlFor={`${ids}-status`}>Status</label>
          <select id={`${ids}-status`} className="input select select--compact" value={statusFilter} onChange={(event) => store().setStatusFilter(event.target.value as StatusFilter)}>
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label} ({formatNumber(option.value === 'all' ? people.length : counts[option.value])})
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={`${ids}-source`}>Source</label>
          <select id={`${ids}-source`} className="input select select--compact" value={sourceFilter} onChange={(event) => store().setSourceFilter(event.target.value)}>
            <option value="">All</option>
            {sources.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <Button variant="ghost" size="sm" icon={<XIcon />} onClick={() => store().clearFilters()}>
            Clear filters
          </Button>
        ) : null}
        <ToolbarCount shown={shown.length} total={people.length} noun="person" nouns="people" filtered={filtered}>
          {plural(leavers, 'leaver')}
        </ToolbarCount>
      </div>
      <VirtualTable
        items={shown}
        rowOf={personOf}
        getRowId={personId}
        columns={COLUMNS}
        sorting={sorting}
        onSortingChange={(next) => store().setSorting(next)}
        enableSortingRemoval
        rowHeight={ROW_HEIGHT}
        label="People table, scrollable"
        renderItem={(person, { index, row }) => (row ? <VirtualRow row={row} index={index} className={isLeaver(person) ? 'is-leaver' : undefined} /> : null)}
      >
        {shown.length === 0 ? (
          <div className="vtable-empty">
            <p className="vtable-empty__title">{people.length === 0 ? 'The sources list nobody yet' : 'Nobody matches these filters'}</p>
            {people.length === 0 ? null : (
              <>
                <p className="muted">{deferredSearch.trim() ? `Nothing matches “${deferredSearch.trim()}”. ` : ''}Try fewer words, another status or another source.</p>
                <Button size="sm" onClick={() => store().clearFilters()}>
                  Clear filters
                </Button>
              </>
            )}
          </div>
        ) : null}
      </VirtualTable>
    </section>
  );
}

/**
 * Audit: the append-only record of every reclaim, decision, rule, exclusion, entitlement and
 * connection change, newest first, filtered by kind and text, exportable to CSV or JSON.
 */
import { useDeferredValue, useId, useMemo } from 'react';
import './audit.css';
import { Button, ButtonLink } from '../../components/Button.js';
import { AuditIcon, SearchIcon, XIcon } from '../../components/icons.js';
import { Page } from '../../components/Page.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { formatNumber, plural } from '../../lib/format.js';
import { useLiveLoad } from '../../lib/useLiveLoad.js';
import { href } from '../../router.js';
import { AuditExportButton } from './AuditExportDialog.js';
import { AuditTable, type ProfileName } from './AuditTable.js';
import { filterEvents, kindsOf } from './model.js';
import { useAuditStore } from './store.js';

export function AuditPage() {
  const status = useAuditStore((state) => state.status);
  const events = useAuditStore((state) => state.events);
  const error = useAuditStore((state) => state.error);
  const load = useAuditStore((state) => state.load);
  const announcement = useAuditStore((state) => state.announcement);

  useLiveLoad(load);

  return (
    <Page
      title="Audit"
      subtitle="Every reclaim, decision, rule, exclusion, entitlement and connection change: who made it, and when. Entries are never edited or deleted."
      actions={status === 'ready' ? <AuditExportButton total={events.length} /> : null}
      focusKey="audit"
    >
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="audit-announcer">
        {announcement}
      </p>
      {status === 'error' ? (
        <ErrorState title="Seatwise could not read the audit log" message={error ?? ''} onRetry={() => void load()} />
      ) : status === 'ready' ? (
        events.length === 0 ? (
          <AuditEmpty />
        ) : (
          <AuditView />
        )
      ) : (
        <AuditSkeleton />
      )}
    </Page>
  );
}

function AuditView() {
  const ids = useId();
  const events = useAuditStore((state) => state.events);
  const profiles = useAuditStore((state) => state.profiles);
  const kind = useAuditStore((state) => state.kind);
  const search = useAuditStore((state) => state.search);
  const setKind = useAuditStore((state) => state.setKind);
  const setSearch = useAuditStore((state) => state.setSearch);
  const clearFilters = useAuditStore((state) => state.clearFilters);
  const deferredSearch = useDeferredValue(search);

  const labels = useMemo(
    () => new Map<string, ProfileName>(profiles.map((p) => [p.id, { name: p.name, vendor: p.vendor, ...(p.preset ? { preset: p.preset } : {}) }])),
    [profiles],
  );
  const names = useMemo(() => new Map([...labels].map(([id, label]) => [id, label.name] as const)), [labels]);
  const kinds = useMemo(() => kindsOf(events), [events]);
  const shown = useMemo(() => filterEvents(events, { kind, search: deferredSearch }, names), [events, kind, deferredSearch, names]);
  const filtered = kind !== '' || deferredSearch.trim() !== '';

  return (
    <section className="audit" aria-label="Audit log">
      <div className="table-toolbar" role="search">
        <div className="search-input">
          <SearchIcon className="search-input__icon" />
          <label htmlFor={`${ids}-search`} className="visually-hidden">
            Search the audit log
          </label>
          <input
            id={`${ids}-search`}
            className="input input--search"
            type="search"
            placeholder="Search who, target, message, values…"
            autoComplete="off"
            spellCheck={false}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="inline-field">
          <label htmlFor={`${ids}-kind`}>Action</label>
          <select id={`${ids}-kind`} className="input select select--compact" value={kind} onChange={(event) => setKind(event.target.value)}>
            <option value="">All actions ({formatNumber(events.length)})</option>
            {kinds.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.label} ({formatNumber(option.count)})
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <Button variant="ghost" size="sm" icon={<XIcon />} onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
        <p className="table-toolbar__count" role="status" aria-live="polite">
          {filtered ? `${formatNumber(shown.length)} of ${plural(events.length, 'event')}` : plural(events.length, 'event')}
        </p>
      </div>
      <div className="card card--flush">
        {shown.length > 0 ? (
          <AuditTable events={shown} profiles={labels} />
        ) : (
          <div className="vtable-empty">
            <p className="vtable-empty__title">No events match these filters</p>
            <p className="muted">{deferredSearch.trim() ? `Nothing matches “${deferredSearch.trim()}”. ` : ''}Try fewer words or another action.</p>
            <Button size="sm" onClick={clearFilters}>
              Clear filters
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}

function AuditEmpty() {
  return (
    <div className="card">
      <EmptyState
        art={
          <span className="empty-icon">
            <AuditIcon size={28} />
          </span>
        }
        title="Nothing has changed yet"
        actions={
          <ButtonLink href={href({ name: 'section', section: 'candidates' })} variant="primary">
            Review candidates
          </ButtonLink>
        }
      >
        <p>
          Each reclaimed seat, each approval or rejection, each rule, exclusion or entitlement edited and each connection signed in or removed is recorded here, with who did
          it and what it was before.
        </p>
      </EmptyState>
    </div>
  );
}

function AuditSkeleton() {
  return (
    <LoadingRegion label="Loading the audit log…">
      <div className="table-toolbar">
        <Skeleton width={320} height={36} className="skeleton--input" />
        <Skeleton width={200} height={36} className="skeleton--input" />
      </div>
      <div className="card card--flush">
        {Array.from({ length: 8 }, (_, index) => (
          <div className="skeleton-row" key={index}>
            <Skeleton width={16} height={16} />
            <Skeleton width={110} height={12} />
            <Skeleton width={80} height={12} />
            <Skeleton width={120} height={20} />
            <Skeleton width={140} height={12} />
            <Skeleton width={220} height={12} />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

/**
 * The audit log as a table, newest first, one page at a time (a log of years holds tens of
 * thousands of lines; a page keeps expandable rows simple and every row in the DOM reachable).
 * Each row opens its before→after in a detail row under it.
 */
import { Fragment, useId } from 'react';
import { Button } from '../../components/Button.js';
import { ChevronLeftIcon, ChevronRightIcon } from '../../components/icons.js';
import { StatusPill } from '../../components/StatusPill.js';
import { VendorMark } from '../../components/VendorMark.js';
import { formatDateTime, formatNumber, formatShortDateTime } from '../../lib/format.js';
import { actionLabel, actionTone, fieldChanges, PAGE_SIZE, pageCount, type AuditEvent } from './model.js';
import { useAuditStore } from './store.js';
import { UndoReclaim } from './UndoReclaim.js';

const COLUMNS = 7;

export interface ProfileName {
  name: string;
  vendor: string;
  preset?: string;
}

export function AuditTable({ events, profiles }: { events: readonly AuditEvent[]; profiles: ReadonlyMap<string, ProfileName> }) {
  const page = useAuditStore((state) => state.page);
  const expanded = useAuditStore((state) => state.expanded);
  const toggle = useAuditStore((state) => state.toggle);
  const setPage = useAuditStore((state) => state.setPage);
  const pages = pageCount(events.length);
  const current = Math.min(page, pages - 1);
  const shown = events.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const ids = useId();

  return (
    <>
      <div className="table-scroll">
        <table className="data-table audit-table" aria-describedby={`${ids}-range`}>
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col" className="audit-table__toggle">
                <span className="visually-hidden">Details</span>
              </th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Integration</th>
              <th scope="col">Target</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((event) => {
              const open = expanded.has(event.id);
              const profile = event.profileId ? profiles.get(event.profileId) : undefined;
              const detailId = `${ids}-detail-${event.id}`;
              return (
                <Fragment key={event.id}>
                  <tr className={open ? 'is-open' : undefined} data-event={event.id}>
                    <td className="audit-table__toggle">
                      <button
                        type="button"
                        className="disclosure"
                        aria-expanded={open}
                        aria-controls={open ? detailId : undefined}
                        onClick={() => toggle(event.id)}
                        title={open ? 'Hide before and after' : 'Show before and after'}
                      >
                        <ChevronRightIcon size={16} className="disclosure__icon" />
                        <span className="visually-hidden">
                          Before and after: {actionLabel(event.action)}
                          {event.target ? `, ${event.target}` : ''}
                        </span>
                      </button>
                    </td>
                    <td>
                      <time dateTime={event.at} title={formatDateTime(event.at)} className="audit-table__when">
                        {formatShortDateTime(event.at)}
                      </time>
                    </td>
                    <td className="audit-table__who">{event.actor}</td>
                    <td>
                      <StatusPill tone={actionTone(event.action)} title={event.action}>
                        {actionLabel(event.action)}
                      </StatusPill>
                    </td>
                    <td>
                      {profile ? (
                        <span className="cell-line">
                          <VendorMark vendor={profile.vendor} preset={profile.preset} size="sm" />
                          <span className="truncate">{profile.name}</span>
                        </span>
                      ) : event.profileId ? (
                        <span className="muted" title={event.profileId}>
                          Removed integration
                        </span>
                      ) : (
                        <span className="muted">All integrations</span>
                      )}
                    </td>
                    <td className="audit-table__target">
                      <span className="truncate" title={event.target}>
                        {event.target ?? '—'}
                      </span>
                    </td>
                    <td className="audit-table__message">
                      <span className="truncate" title={event.message}>
                        {event.message ?? <span className="muted">—</span>}
                      </span>
                    </td>
                  </tr>
                  {open ? (
                    <tr className="audit-table__detail" id={detailId}>
                      <td colSpan={COLUMNS}>
                        <AuditDetail event={event} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <p id={`${ids}-range`} className="pager__range">
          {formatNumber(current * PAGE_SIZE + 1)}–{formatNumber(current * PAGE_SIZE + shown.length)} of {formatNumber(events.length)}
        </p>
        {pages > 1 ? (
          <div className="pager__buttons">
            <Button size="sm" icon={<ChevronLeftIcon size={16} />} disabled={current === 0} onClick={() => setPage(current - 1)}>
              Newer
            </Button>
            <span className="pager__page">
              Page {formatNumber(current + 1)} of {formatNumber(pages)}
            </span>
            <Button size="sm" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              Older
              <ChevronRightIcon size={16} />
            </Button>
          </div>
        ) : null}
      </div>
    </>
  );
}

/** before→after, field by field, with the event's exact time and id. */
export function AuditDetail({ event }: { event: AuditEvent }) {
  const changes = fieldChanges(event.before, event.after);
  return (
    <div className="audit-detail">
      {changes.length > 0 ? (
        <table className="audit-diff">
          <caption className="visually-hidden">Before and after</caption>
          <colgroup>
            <col className="audit-diff__field-col" />
            <col />
            <col className="audit-diff__arrow-col" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">
                <span className="visually-hidden">becomes</span>
              </th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field} className={change.changed ? 'is-changed' : undefined}>
                <th scope="row">{change.field}</th>
                <td className="audit-diff__before">{change.before === null ? <span className="muted">—</span> : <code>{change.before}</code>}</td>
                <td className="audit-diff__arrow" aria-hidden="true">
                  →
                </td>
                <td className="audit-diff__after">{change.after === null ? <span className="muted">—</span> : <code>{change.after}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted audit-detail__none">This event records no before or after.</p>
      )}
      <dl className="audit-detail__meta">
        <div>
          <dt>Recorded</dt>
          <dd>
            <time dateTime={event.at}>{formatDateTime(event.at)}</time> <span className="muted">({event.at})</span>
          </dd>
        </div>
        <div>
          <dt>Action</dt>
          <dd>
            <code>{event.action}</code>
          </dd>
        </div>
        <div>
          <dt>Event ID</dt>
          <dd>
            <code>{event.id}</code>
          </dd>
        </div>
        {event.message ? (
          <div className="audit-detail__message">
            <dt>Message</dt>
            <dd>{event.message}</dd>
          </div>
        ) : null}
      </dl>
      <UndoReclaim event={event} />
    </div>
  );
}

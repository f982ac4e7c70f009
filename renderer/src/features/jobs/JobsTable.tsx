import { StatusPill } from '../../components/StatusPill.js';
import { formatDateTime, formatDuration, formatNumber, formatRelative, formatShortDateTime, plural } from '../../lib/format.js';
import { JOB_STATE, JOB_TRIGGER, PHASE_SHORT } from '../../lib/status.js';
import { useNow } from '../../lib/useNow.js';
import { href } from '../../router.js';
import type { JobResult } from '../../types.js';

/** Job results, newest first: trigger, timing, outcome, counts, and the error when there is one. */
export function JobsTable({ jobs, showProfile = false }: { jobs: JobResult[]; showProfile?: boolean }) {
  const now = useNow(15_000);
  return (
    <div className="table-scroll">
      <table className="data-table jobs-table">
        <thead>
          <tr>
            <th scope="col">Started</th>
            {showProfile ? <th scope="col">Integration</th> : null}
            <th scope="col">Trigger</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Seats
            </th>
            <th scope="col" className="num">
              Candidates
            </th>
            <th scope="col">Phases</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const state = JOB_STATE[job.state];
            const running = job.state === 'running' || job.state === 'queued';
            return (
              <tr key={job.id} className={job.error ? 'has-error-row' : undefined}>
                <td className="nowrap">
                  <div className="time-stack">
                    <time dateTime={job.startedAt} title={formatDateTime(job.startedAt)}>
                      {formatShortDateTime(job.startedAt, now)}
                    </time>
                    <span className="time-stack__sub">{formatRelative(job.startedAt, now)}</span>
                  </div>
                </td>
                {showProfile ? (
                  <td>
                    <a className="jobs-table__profile" href={href({ name: 'profile', id: job.profileId, tab: 'jobs' })}>
                      {job.profileName}
                    </a>
                  </td>
                ) : null}
                <td className="nowrap">{JOB_TRIGGER[job.trigger]}</td>
                <td>
                  <div className="status-cell">
                    <StatusPill tone={state.tone}>{state.label}</StatusPill>
                    {job.error ? <span className="status-cell__reason text-danger">{job.error}</span> : null}
                  </div>
                </td>
                <td className="num">{formatDuration(job.startedAt, job.finishedAt, now)}</td>
                <td className="num">
                  <div className="num-stack">
                    <span>{running && job.counts.seats === 0 ? '—' : formatNumber(job.counts.seats)}</span>
                    {job.counts.freeSeats > 0 ? <span className="num-stack__sub">{formatNumber(job.counts.freeSeats)} free</span> : null}
                  </div>
                </td>
                <td className="num">{running && job.counts.candidates === 0 ? '—' : formatNumber(job.counts.candidates)}</td>
                <td>
                  <ol className="phase-list" aria-label="Phases">
                    {job.phases.map((phase) => (
                      <li
                        key={phase.phase}
                        className={`phase phase--${phase.state}`}
                        title={phase.message ?? (phase.state === 'skipped' && phase.phase === 'activity' && job.activityAvailable === false ? 'This plan reports no user activity' : undefined)}
                      >
                        <span className="phase__name">{PHASE_SHORT[phase.phase]}</span>
                        <span className="phase__time">
                          {phase.state === 'skipped' ? 'skipped' : formatDuration(phase.startedAt, phase.finishedAt, now)}
                        </span>
                      </li>
                    ))}
                  </ol>
                  <span className="time-stack__sub">
                    {plural(job.counts.requests, 'request')} · {plural(job.counts.pages, 'page')}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

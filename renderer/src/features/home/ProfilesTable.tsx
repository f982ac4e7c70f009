import { ButtonLink } from '../../components/Button.js';
import { StatusPill } from '../../components/StatusPill.js';
import { VendorMark } from '../../components/VendorMark.js';
import { formatCurrency, formatDateTime, formatNumber, formatRelative } from '../../lib/format.js';
import { profileStatus } from '../../lib/status.js';
import { useNow } from '../../lib/useNow.js';
import { vendorLook } from '../../lib/vendors.js';
import { href } from '../../router.js';
import { InlineSyncProgress, SyncButton } from '../sync/SyncControls.js';
import { isActive, useSyncRun } from '../sync/store.js';
import type { ProfileSummary } from '../../types.js';

/** All profiles, one row each. A handful of rows: a plain table, no virtualization needed. */
export function ProfilesTable({ profiles }: { profiles: ProfileSummary[] }) {
  const now = useNow();
  return (
    <div className="table-scroll">
      <table className="data-table profiles-table">
        <thead>
          <tr>
            <th scope="col">Integration</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Seats
            </th>
            <th scope="col" className="num">
              Candidates
            </th>
            <th scope="col" className="num">
              <abbr title="Potential savings per month">Savings / mo</abbr>
            </th>
            <th scope="col">Last sync</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((profile) => (
            <ProfileRow key={profile.id} profile={profile} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProfileRow({ profile, now }: { profile: ProfileSummary; now: number }) {
  const look = vendorLook(profile.vendor, profile.preset);
  const status = profileStatus(profile);
  const run = useSyncRun(profile.id);
  const draft = profile.status === 'draft';
  const recordHref = href({ name: 'profile', id: profile.id, tab: 'subscriptions' });
  // A draft's setup goes on where it stopped: its playbook, on the saved step.
  const setupHref = href({ name: 'playbook', id: profile.id });
  return (
    <tr>
      <td>
        <div className="identity">
          <VendorMark vendor={profile.vendor} preset={profile.preset} />
          <div className="identity__text">
            <a className="identity__name" href={recordHref}>
              {profile.name}
            </a>
            <span className="identity__sub">
              {look.name}
              {profile.orgs > 1 ? ` · ${formatNumber(profile.orgs)} orgs` : ''}
            </span>
          </div>
        </div>
      </td>
      <td>
        <div className="status-cell">
          <StatusPill tone={status.tone} title={profile.healthReason}>
            {status.label}
          </StatusPill>
          {profile.healthReason && status.tone !== 'success' && status.tone !== 'neutral' ? (
            <span className="status-cell__reason">{profile.healthReason}</span>
          ) : null}
        </div>
      </td>
      <td className="num">
        {draft && profile.seats === 0 ? (
          <span className="muted">—</span>
        ) : (
          <div className="num-stack">
            <span>{formatNumber(profile.seats)}</span>
            {profile.freeSeats > 0 ? <span className="num-stack__sub">{formatNumber(profile.freeSeats)} free</span> : null}
          </div>
        )}
      </td>
      <td className="num">{draft && profile.seats === 0 ? <span className="muted">—</span> : formatNumber(profile.candidates)}</td>
      <td className="num">
        {draft && profile.seats === 0 ? (
          <span className="muted">—</span>
        ) : (
          <span className={profile.monthlySavings > 0 ? 'money' : 'muted'}>{formatCurrency(profile.monthlySavings, profile.currency)}</span>
        )}
      </td>
      <td className="sync-col">
        {run && (isActive(run) || run.state === 'succeeded' || run.state === 'failed') ? (
          <InlineSyncProgress profileId={profile.id} profileName={profile.name} />
        ) : (
          <div className="time-stack">
            {profile.lastSync ? (
              <span>
                <time dateTime={profile.lastSync.at} title={formatDateTime(profile.lastSync.at)}>
                  {formatRelative(profile.lastSync.at, now)}
                </time>
                {profile.lastSync.status === 'failed' ? (
                  <span className="text-danger" title={profile.lastSync.error}>
                    {' '}
                    · failed
                  </span>
                ) : profile.lastSync.status === 'cancelled' ? (
                  <span className="muted"> · cancelled</span>
                ) : null}
              </span>
            ) : (
              <span className="muted">Never synced</span>
            )}
            <span className="time-stack__sub">
              {draft ? (
                'Syncs after publishing'
              ) : profile.nextSyncAt ? (
                <>
                  Next{' '}
                  <time dateTime={profile.nextSyncAt} title={formatDateTime(profile.nextSyncAt)}>
                    {formatRelative(profile.nextSyncAt, now)}
                  </time>
                </>
              ) : (
                'No sync scheduled'
              )}
            </span>
          </div>
        )}
      </td>
      <td className="actions-col">
        {draft ? (
          <ButtonLink href={setupHref} size="sm">
            Finish setup
          </ButtonLink>
        ) : (
          <SyncButton profileId={profile.id} profileName={profile.name} />
        )}
      </td>
    </tr>
  );
}

/**
 * "Sync now" and its live progress, used on the home rows and the profile record.
 */
import { useEffect } from 'react';
import { Button } from '../../components/Button.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { CheckIcon, SyncIcon, XIcon } from '../../components/icons.js';
import { describeRun, isActive, useSyncRun, useSyncStore, type SyncRun } from './store.js';

/** How long a finished run stays on screen before the row shows its new figures alone. */
export const FINISHED_VISIBLE_MS = 4000;

export function SyncButton({
  profileId,
  profileName,
  size = 'sm',
  variant = 'secondary',
  disabledReason,
}: {
  profileId: string;
  profileName: string;
  size?: 'sm' | 'md';
  variant?: 'primary' | 'secondary';
  /** When set, the button is disabled and says why (a draft cannot sync). */
  disabledReason?: string | undefined;
}) {
  const run = useSyncRun(profileId);
  const start = useSyncStore((state) => state.run);
  const active = isActive(run);
  return (
    <Button
      variant={variant}
      size={size}
      icon={active ? <span className="spinner" aria-hidden="true" /> : <SyncIcon />}
      disabled={active || disabledReason !== undefined}
      title={disabledReason}
      // The name starts with the words on the button (speech input says what it sees); the
      // integration follows, for the rows of a list where every button reads the same.
      aria-label={`${active ? 'Syncing…' : 'Sync now'}: ${profileName}`}
      onClick={() => void start(profileId, profileName)}
    >
      {active ? 'Syncing…' : 'Sync now'}
    </Button>
  );
}

export function CancelSyncButton({ profileId, profileName }: { profileId: string; profileName: string }) {
  const run = useSyncRun(profileId);
  const cancel = useSyncStore((state) => state.cancel);
  if (!isActive(run) || !run?.jobId) return null;
  return (
    <Button variant="ghost" icon={<XIcon />} onClick={() => void cancel(profileId)} aria-label={`Cancel sync: ${profileName}`}>
      Cancel sync
    </Button>
  );
}

/** Hides a successful run's "finished" line after a moment. */
function useAutoDismiss(run: SyncRun | undefined) {
  const dismiss = useSyncStore((state) => state.dismiss);
  useEffect(() => {
    if (!run || run.state !== 'succeeded' || run.endedAt === undefined) return;
    const left = Math.max(0, run.endedAt + FINISHED_VISIBLE_MS - Date.now());
    const timer = window.setTimeout(() => dismiss(run.profileId), left);
    return () => window.clearTimeout(timer);
  }, [run, dismiss]);
}

/**
 * The compact progress for a table cell: a line of text and a thin bar. Renders nothing when
 * the profile is not syncing and has no recent outcome to show.
 */
export function InlineSyncProgress({ profileId, profileName }: { profileId: string; profileName: string }) {
  const run = useSyncRun(profileId);
  useAutoDismiss(run);
  if (!run) return null;
  const active = isActive(run);
  if (!active && run.state !== 'succeeded' && run.state !== 'failed') return null;
  return (
    <div className={`sync-inline sync-inline--${run.state}`}>
      <span className="sync-inline__text">
        {run.state === 'succeeded' ? <CheckIcon size={14} /> : null}
        <span className="truncate" title={describeRun(run)}>
          {describeRun(run, { short: true })}
        </span>
      </span>
      {active ? <ProgressBar fraction={run.fraction} label={`Sync progress for ${profileName}`} /> : null}
    </div>
  );
}

/** The larger panel on the profile record: phase, counts, bar. */
export function SyncPanel({ profileId, profileName }: { profileId: string; profileName: string }) {
  const run = useSyncRun(profileId);
  useAutoDismiss(run);
  if (!run || (!isActive(run) && run.state !== 'succeeded')) return null;
  const active = isActive(run);
  return (
    <section className={`sync-panel sync-panel--${run.state}`} aria-label="Sync progress">
      <div className="sync-panel__row">
        <span className="sync-panel__title">
          {active ? <span className="spinner" aria-hidden="true" /> : <CheckIcon size={16} />}
          {describeRun(run)}
        </span>
        {run.fraction !== null && active ? <span className="sync-panel__percent">{Math.round(run.fraction * 100)}%</span> : null}
      </div>
      {run.message && active ? <p className="sync-panel__message">{run.message}</p> : null}
      <ProgressBar fraction={active ? run.fraction : 1} label={`Sync progress for ${profileName}`} size="regular" />
    </section>
  );
}

/** The app-wide polite live region that speaks sync news. */
export function SyncAnnouncer() {
  const announcement = useSyncStore((state) => state.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}

/**
 * Which desktop notifications a finished sync deserves. Pure: no Electron, no store; the
 * NotificationCenter (center.ts) feeds it and main/electron/main.ts shows the result.
 */
import type { JobResult } from '../../preload/contract.js';
import { redact } from '../vault/redact.js';

export type NotificationKind = 'sync_failed' | 'new_candidates' | 'needs_signin';

export interface SeatwiseNotification {
  kind: NotificationKind;
  title: string;
  body: string;
}

export interface NotificationContext {
  profileName: string;
  /** Candidates before this run (undefined: not known, e.g. the first run seen). */
  candidatesBefore: number | undefined;
  candidatesAfter: number;
  /** A connection of the profile needs sign-in again after this run. */
  needsSignIn: boolean;
  /** Whether the profile needed sign-in before this run (so it is said once, not every run). */
  neededSignInBefore?: boolean;
  trigger: JobResult['trigger'];
}

/** Runs nobody watched: a failure of these is news; a manual run's failure is on screen already. */
const UNATTENDED: ReadonlySet<JobResult['trigger']> = new Set(['schedule', 'catch-up']);

const MAX_BODY = 200;

export function decideNotifications(previous: JobResult | undefined, job: JobResult, context: NotificationContext): SeatwiseNotification[] {
  // Only a finished run says anything; a cancelled one is the person's own doing.
  if (job.state !== 'succeeded' && job.state !== 'failed') return [];
  const name = context.profileName || job.profileName;
  const out: SeatwiseNotification[] = [];

  if (context.needsSignIn && !context.neededSignInBefore) {
    out.push({
      kind: 'needs_signin',
      title: `${name}: sign in again`,
      body: `Seatwise can no longer reach ${name}. Open Seatwise and reconnect to keep its seats up to date.`,
    });
  }

  if (job.state === 'failed' && UNATTENDED.has(context.trigger) && !context.needsSignIn && isNewFailure(previous, job)) {
    const reason = clean(job.error);
    out.push({
      kind: 'sync_failed',
      title: `${name}: scheduled sync failed`,
      body: reason ? `${reason} The previous results are kept.` : 'The previous results are kept.',
    });
  }

  if (job.state === 'succeeded' && context.candidatesBefore !== undefined && context.candidatesAfter > context.candidatesBefore) {
    const added = context.candidatesAfter - context.candidatesBefore;
    out.push({
      kind: 'new_candidates',
      title: `${name}: ${added} new ${added === 1 ? 'seat' : 'seats'} to review`,
      body: `${context.candidatesAfter} ${context.candidatesAfter === 1 ? 'seat looks' : 'seats look'} unused in ${name}.`,
    });
  }
  return out;
}

/** A failure is news when the last finished run did not fail, or failed for another reason. */
function isNewFailure(previous: JobResult | undefined, job: JobResult): boolean {
  if (!previous || previous.state !== 'failed') return true;
  return clean(previous.error) !== clean(job.error);
}

/** Error text for a notification: secrets redacted, one line, bounded. */
function clean(text: string | undefined): string {
  if (!text) return '';
  const line = redact(text).replace(/\s+/g, ' ').trim();
  return line.length > MAX_BODY ? `${line.slice(0, MAX_BODY - 1)}…` : line;
}

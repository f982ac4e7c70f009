/** The words and tones for every state the renderer shows as a pill. */
import type { JobState, JobTrigger, ProfileSummary, SyncPhase } from '../types.js';

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

export interface StatusLook {
  label: string;
  tone: Tone;
}

/** Draft / Published / Needs sign-in / Failing / Needs attention. */
export function profileStatus(profile: Pick<ProfileSummary, 'status' | 'health'>): StatusLook {
  if (profile.status === 'draft') return { label: 'Draft', tone: 'neutral' };
  switch (profile.health) {
    case 'needs_signin':
      return { label: 'Needs sign-in', tone: 'warning' };
    case 'failing':
      return { label: 'Failing', tone: 'danger' };
    case 'needs_attention':
      return { label: 'Needs attention', tone: 'warning' };
    default:
      return { label: 'Published', tone: 'success' };
  }
}

export const JOB_STATE: Record<JobState, StatusLook> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  interrupted: { label: 'Interrupted', tone: 'warning' },
};

export const JOB_TRIGGER: Record<JobTrigger, string> = {
  publish: 'Publish',
  schedule: 'Schedule',
  manual: 'Manual',
  'catch-up': 'Catch-up',
  cli: 'Command line',
};

export const PHASE_LABEL: Record<SyncPhase, string> = {
  download: 'Downloading seats',
  activity: 'Reading activity',
  candidates: 'Finding candidates',
  reclaim: 'Reclaiming seats',
};

export const PHASE_SHORT: Record<SyncPhase, string> = {
  download: 'Download',
  activity: 'Activity',
  candidates: 'Candidates',
  reclaim: 'Reclaim',
};

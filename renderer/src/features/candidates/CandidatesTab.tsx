import type { ProfileDetail } from '../../types.js';
import { CandidatesView } from './CandidatesPage.js';

/** The profile record's Candidates tab: the same table, scoped to the profile. */
export function CandidatesTab({ profile }: { profile: ProfileDetail }) {
  return <CandidatesView scope={profile.id} />;
}

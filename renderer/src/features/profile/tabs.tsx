/**
 * The profile record's tabs, in order. A tab is an id (the last URL segment), a label and
 * a renderer; adding Candidates, Rules, Exclusions or Entitlements is one more entry here.
 */
import type { ReactNode } from 'react';
import type { ProfileDetail } from '../../types.js';
import { formatNumber } from '../../lib/format.js';
import { useSubscriptionsStore } from './subscriptions-store.js';
import { CandidatesTab } from '../candidates/CandidatesTab.js';
import { ModelsBadge } from '../catalog/ModelsBadge.js';
import { ModelsTab } from '../catalog/ModelsTab.js';
import { EntitlementsTab } from '../entitlements/EntitlementsTab.js';
import { RulesTab } from '../rules/RulesTab.js';
import { ConnectionTab } from './ConnectionTab.js';
import { JobsTab } from './JobsTab.js';
import { SubscriptionsTab } from './SubscriptionsTab.js';

export interface ProfileTab {
  id: string;
  label: string;
  /** A small count beside the label, when it helps. */
  badge?: (profile: ProfileDetail) => ReactNode;
  render: (profile: ProfileDetail) => ReactNode;
}

export const PROFILE_TABS: readonly ProfileTab[] = [
  {
    id: 'subscriptions',
    label: 'Subscriptions',
    badge: (profile) => <SubscriptionsBadge profile={profile} />,
    render: (profile) => <SubscriptionsTab profile={profile} />,
  },
  {
    id: 'models',
    label: 'Software models',
    badge: (profile) => <ModelsBadge profile={profile} />,
    render: (profile) => <ModelsTab profile={profile} />,
  },
  { id: 'candidates', label: 'Candidates', render: (profile) => <CandidatesTab profile={profile} /> },
  { id: 'rules', label: 'Rules', render: (profile) => <RulesTab profile={profile} /> },
  { id: 'entitlements', label: 'Entitlements', render: (profile) => <EntitlementsTab profile={profile} /> },
  { id: 'jobs', label: 'Jobs', render: (profile) => <JobsTab profile={profile} /> },
  { id: 'connection', label: 'Connection', render: (profile) => <ConnectionTab profile={profile} /> },
];

/** The number of rows the Subscriptions tab lists, once loaded; the profile's seat count before. */
function SubscriptionsBadge({ profile }: { profile: ProfileDetail }) {
  const loaded = useSubscriptionsStore((state) => (state.profileId === profile.id && state.status === 'ready' ? state.rows.length : null));
  const count = loaded ?? profile.seats;
  return count > 0 ? <span className="tabs__badge">{formatNumber(count)}</span> : null;
}

export function findTab(id: string): ProfileTab | undefined {
  return PROFILE_TABS.find((tab) => tab.id === id);
}

/** The profile record's Rules tab: when a seat becomes a candidate, and who never does. */
import { useEffect } from 'react';
import type { ProfileDetail } from '../../types.js';
import { ExclusionsSection } from './ExclusionsSection.js';
import { RulesSection } from './RulesSection.js';
import { useExclusionsStore } from './exclusions-store.js';
import { useRulesStore } from './rules-store.js';
import './rules.css';

export function RulesTab({ profile }: { profile: ProfileDetail }) {
  const loadRules = useRulesStore((state) => state.load);
  const loadExclusions = useExclusionsStore((state) => state.load);
  // A finished sync may bring new license types, and with them new default rules.
  const syncKey = profile.lastSync ? `${profile.lastSync.jobId}:${profile.lastSync.status}` : '';

  useEffect(() => {
    void loadRules(profile.id);
    void loadExclusions(profile.id);
  }, [profile.id, syncKey, loadRules, loadExclusions]);

  return (
    <div className="rules-tab">
      <RulesSection profile={profile} />
      <ExclusionsSection profile={profile} />
    </div>
  );
}

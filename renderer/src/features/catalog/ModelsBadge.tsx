import { useEffect } from 'react';
import { api } from '../../api.js';
import { formatNumber, plural } from '../../lib/format.js';
import type { ProfileDetail } from '../../types.js';
import { unresolvedCount, useCatalogStore } from './store.js';
import './catalog.css';

/** The Software models tab's badge: unrecognized identifiers still waiting for a decision. */
export function ModelsBadge({ profile }: { profile: ProfileDetail }) {
  const load = useCatalogStore((state) => state.load);
  const count = useCatalogStore((state) => (state.profileId === profile.id && state.status === 'ready' ? unresolvedCount(state.identifiers) : 0));
  const published = profile.status === 'published';

  // The badge shows on every tab of the record, so it is what loads the catalog first.
  useEffect(() => {
    if (!published) return undefined;
    void load(profile.id);
    // A sync or a rule change elsewhere may add or resolve identifiers: refresh behind the data.
    return api.on('profiles:changed', ({ profileId }) => {
      if (profileId === undefined || profileId === profile.id) void load(profile.id, { force: true, quiet: true });
    });
  }, [profile.id, published, load]);

  if (count === 0) return null;
  return (
    <span className="tabs__badge tabs__badge--warning" title={`${plural(count, 'unrecognized identifier')} to map or exclude`}>
      <span aria-hidden="true">{formatNumber(count)}</span>
      <span className="visually-hidden">, {plural(count, 'unrecognized identifier')} to resolve</span>
    </span>
  );
}

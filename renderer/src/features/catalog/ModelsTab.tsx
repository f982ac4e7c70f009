import { useEffect } from 'react';
import { SectionCard } from '../../components/SectionCard.js';
import { SectionTable, type SectionColumn } from '../../components/SectionTable.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { CheckIcon, StackIcon } from '../../components/icons.js';
import { plural } from '../../lib/format.js';
import type { ProfileDetail } from '../../types.js';
import { IdentifierRow } from './IdentifierRow.js';
import { ModelsTable } from './ModelsTable.js';
import { unresolvedCount, useCatalogStore } from './store.js';
import './catalog.css';

const IDENTIFIER_COLUMNS: readonly SectionColumn[] = [{ label: 'Identifier' }, { label: 'Seats', num: true }, { label: 'First seen' }, { label: 'Status' }];

/**
 * The profile record's Software models tab: the license types the connector recognises, and
 * the ones it does not (unrecognized subscription identifiers), each mapped onto a model,
 * excluded, or still waiting for the admin.
 */
export function ModelsTab({ profile }: { profile: ProfileDetail }) {
  const loadedFor = useCatalogStore((state) => state.profileId);
  const status = useCatalogStore((state) => state.status);
  const models = useCatalogStore((state) => state.models);
  const identifiers = useCatalogStore((state) => state.identifiers);
  const error = useCatalogStore((state) => state.error);
  const announcement = useCatalogStore((state) => state.announcement);
  const load = useCatalogStore((state) => state.load);

  useEffect(() => {
    void load(profile.id);
  }, [profile.id, load]);

  if (status === 'error' && loadedFor === profile.id) {
    return <ErrorState title="Seatwise could not load the software models" message={error ?? ''} onRetry={() => void load(profile.id, { force: true })} />;
  }
  if (loadedFor !== profile.id || status !== 'ready') return <CatalogSkeleton />;

  const unresolved = unresolvedCount(identifiers);
  return (
    <div className="catalog">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <SectionCard
        titleId="catalog-models-title"
        title="Software models"
        lead={`Every license type Seatwise recognises in ${profile.name}, with the rule that reclaims its idle seats.`}
      >
        {models.length === 0 ? (
          <EmptyState
            headingLevel={3}
            art={
              <span className="empty-icon">
                <StackIcon size={28} />
              </span>
            }
            title={profile.status === 'draft' ? 'Models appear once the integration is published' : 'No software models yet'}
          >
            <p>The first sync lists every license type it finds: each known one becomes a software model with a reclamation rule.</p>
          </EmptyState>
        ) : (
          <ModelsTable profileId={profile.id} models={models} />
        )}
      </SectionCard>

      <SectionCard
        titleId="catalog-identifiers-title"
        title="Unrecognized subscription identifiers"
        lead="License types the connector does not know yet. Map each onto a model so its seats follow that model’s rule, or exclude it."
        aside={unresolved > 0 ? <span className="pill pill--warning catalog__count">{plural(unresolved, 'to resolve', 'to resolve')}</span> : null}
      >
        {identifiers.length === 0 ? (
          <EmptyState
            headingLevel={3}
            art={
              <span className="empty-icon empty-icon--success">
                <CheckIcon size={28} />
              </span>
            }
            title="Every license type is recognised"
          >
            <p>
              Each license type in the last download of {profile.name} matches a software model, so every seat is counted under a known product. A
              license type the vendor adds later shows up here, to map or exclude.
            </p>
          </EmptyState>
        ) : (
          <SectionTable className="catalog-table catalog-table--identifiers" columns={IDENTIFIER_COLUMNS}>
            {identifiers.map((row) => (
              <IdentifierRow key={row.licenseType} row={row} models={models} />
            ))}
          </SectionTable>
        )}
      </SectionCard>
    </div>
  );
}

function CatalogSkeleton() {
  return (
    <LoadingRegion label="Loading software models…">
      {[4, 2].map((rows, card) => (
        <div className="card card--flush catalog__skeleton" key={card}>
          <div className="card__header">
            <Skeleton width={220} height={16} />
          </div>
          {Array.from({ length: rows }, (_, index) => (
            <div className="skeleton-row" key={index}>
              <Skeleton width={120} height={12} />
              <Skeleton width={160} height={12} />
              <Skeleton width={50} height={20} className="skeleton--pill" />
              <Skeleton width={40} height={12} />
              <Skeleton width={180} height={12} />
            </div>
          ))}
        </div>
      ))}
    </LoadingRegion>
  );
}

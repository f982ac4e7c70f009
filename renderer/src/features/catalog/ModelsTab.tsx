import { useEffect } from 'react';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { CheckIcon, StackIcon } from '../../components/icons.js';
import { plural } from '../../lib/format.js';
import type { ProfileDetail } from '../../types.js';
import { IdentifierRow } from './IdentifierRow.js';
import { ModelsTable } from './ModelsTable.js';
import { unresolvedCount, useCatalogStore } from './store.js';
import './catalog.css';

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
      <section className="card card--flush" aria-labelledby="catalog-models-title">
        <header className="card__header catalog__header">
          <div>
            <h2 className="card__title" id="catalog-models-title">
              Software models
            </h2>
            <p className="catalog__lead">Every license type Seatwise recognises in {profile.name}, with the rule that reclaims its idle seats.</p>
          </div>
        </header>
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
      </section>

      <section className="card card--flush" aria-labelledby="catalog-identifiers-title">
        <header className="card__header catalog__header">
          <div>
            <h2 className="card__title" id="catalog-identifiers-title">
              Unrecognized subscription identifiers
            </h2>
            <p className="catalog__lead">
              License types the connector does not know yet. Map each onto a model so its seats follow that model’s rule, or exclude it.
            </p>
          </div>
          {unresolved > 0 ? <span className="pill pill--warning catalog__count">{plural(unresolved, 'to resolve', 'to resolve')}</span> : null}
        </header>
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
          <div className="table-scroll">
            <table className="data-table catalog-table catalog-table--identifiers">
              <thead>
                <tr>
                  <th scope="col">Identifier</th>
                  <th scope="col" className="num">
                    Seats
                  </th>
                  <th scope="col">First seen</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {identifiers.map((row) => (
                  <IdentifierRow key={row.licenseType} row={row} models={models} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
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

import { useEffect } from 'react';
import { Page } from '../../components/Page.js';
import { ErrorState, Skeleton } from '../../components/States.js';
import { SettingsIcon } from '../../components/icons.js';
import { Tag } from '../../components/StatusPill.js';
import { PlannedCard } from '../planned/PlannedPage.js';
import { useSettingsStore } from './store.js';

export function SettingsPage() {
  const status = useSettingsStore((state) => state.status);
  const info = useSettingsStore((state) => state.info);
  const error = useSettingsStore((state) => state.error);
  const load = useSettingsStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Page title="Settings" subtitle="How Seatwise runs on this machine." focusKey="settings">
      <section className="card" aria-labelledby="about-heading">
        <div className="card__header card__header--inline">
          <h2 id="about-heading" className="card__title">
            This installation
          </h2>
          {info?.demo ? <Tag tone="info">Demo organisation</Tag> : null}
        </div>
        {status === 'error' ? (
          <ErrorState title="Seatwise could not describe this installation" message={error ?? ''} onRetry={() => void load()} />
        ) : (
          <dl className="details">
            <div className="details__row">
              <dt>Version</dt>
              <dd>{info ? info.version : <Skeleton width={60} />}</dd>
            </div>
            <div className="details__row">
              <dt>Data folder</dt>
              <dd>{info ? <code className="mono-value">{info.dataDir}</code> : <Skeleton width={260} />}</dd>
            </div>
            <div className="details__row">
              <dt>Running as</dt>
              <dd>
                {info ? (info.transport === 'ipc' ? 'Desktop app' : 'Browser host (seatwise serve)') : <Skeleton width={120} />}
              </dd>
            </div>
            <div className="details__row">
              <dt>Platform</dt>
              <dd>{info ? info.platform : <Skeleton width={80} />}</dd>
            </div>
          </dl>
        )}
      </section>
      <PlannedCard
        section={{
          icon: <SettingsIcon size={28} />,
          heading: 'Defaults for every integration',
          body: 'The settings that apply across integrations will live here, beside the facts above.',
          points: [
            'The daily sync time and catch-up behaviour after the app was closed',
            'The default inactivity threshold and whether reclaims need approval',
            'The reporting currency for savings and reconciliation',
          ],
          outline: [],
        }}
      />
    </Page>
  );
}

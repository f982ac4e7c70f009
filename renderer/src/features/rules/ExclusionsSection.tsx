/**
 * "Exclusion rules": the exclusions that apply to this integration, its own and the global
 * ones (marked), each removable after a confirmation in place; the add form below.
 */
import { useRef, useState } from 'react';
import { Button } from '../../components/Button.js';
import { SectionAnnouncer, SectionCard, type SectionNote } from '../../components/SectionCard.js';
import { SectionTable, type SectionColumn } from '../../components/SectionTable.js';
import { ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { Tag } from '../../components/StatusPill.js';
import { errorMessage } from '../../api.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import type { ProfileDetail } from '../../types.js';
import { ExclusionForm } from './ExclusionForm.js';
import { useExclusionsStore, type Exclusion } from './exclusions-store.js';

const COLUMNS: readonly SectionColumn[] = [{ label: 'Pattern' }, { label: 'Kind' }, { label: 'Reason' }, { label: 'Scope' }, { label: 'Created' }];

const KIND_LABEL: Record<Exclusion['kind'], string> = { user: 'User', licenseType: 'License type' };

export function ExclusionsSection({ profile }: { profile: ProfileDetail }) {
  const status = useExclusionsStore((state) => state.status);
  const exclusions = useExclusionsStore((state) => state.exclusions);
  const error = useExclusionsStore((state) => state.error);
  const load = useExclusionsStore((state) => state.load);
  const [message, setMessage] = useState<SectionNote | null>(null);

  let list;
  if (status === 'error') {
    list = <ErrorState title="Seatwise could not load the exclusions" message={error ?? ''} onRetry={() => void load(profile.id)} />;
  } else if (status !== 'ready') {
    list = (
      <LoadingRegion label="Loading the exclusions…">
        {[0, 1].map((index) => (
          <div className="skeleton-row" key={index}>
            <Skeleton width={70} height={20} className="skeleton--pill" />
            <Skeleton width={180} height={12} />
            <Skeleton width={220} height={12} />
            <Skeleton width={90} height={12} />
          </div>
        ))}
      </LoadingRegion>
    );
  } else if (exclusions.length === 0) {
    list = (
      <div className="exclusions-empty">
        <p className="exclusions-empty__title">No exclusions</p>
        <p className="exclusions-empty__body">
          Every seat of {profile.name} can become a candidate. Exclude the people or license types that must keep their seat, such as
          service accounts, executives or contractors paid for elsewhere.
        </p>
      </div>
    );
  } else {
    list = (
      <SectionTable className="data-table--row-headers exclusions-table" labelledBy="exclusions-title" columns={COLUMNS}>
        {exclusions.map((exclusion) => (
          <ExclusionRow key={exclusion.id} exclusion={exclusion} onRemoved={(text, tone) => setMessage({ text, tone })} />
        ))}
      </SectionTable>
    );
  }

  return (
    <SectionCard
      titleId="exclusions-title"
      title="Exclusion rules"
      lead="Excluded seats never become candidates and never count as waste, whatever the rules say."
      className="rules-section"
    >
      <SectionAnnouncer className="rules-section__announcer" testId="exclusions-announcer" note={message} />
      {list}
      <ExclusionForm profile={profile} onAdded={(added) => setMessage({ tone: 'success', text: `Excluded ${added.pattern}.` })} />
    </SectionCard>
  );
}

function ExclusionRow({ exclusion, onRemoved }: { exclusion: Exclusion; onRemoved: (text: string, tone: 'success' | 'danger') => void }) {
  const remove = useExclusionsStore((state) => state.remove);
  const removing = useExclusionsStore((state) => state.removing.has(exclusion.id));
  const [confirming, setConfirming] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);

  async function confirm(): Promise<void> {
    if (removing) return;
    try {
      await remove(exclusion.id);
      onRemoved(`Removed the exclusion ${exclusion.pattern}.`, 'success');
    } catch (error) {
      setConfirming(false);
      onRemoved(`The exclusion ${exclusion.pattern} was not removed: ${errorMessage(error)}`, 'danger');
      window.requestAnimationFrame(() => removeRef.current?.focus());
    }
  }

  function keep(): void {
    setConfirming(false);
    window.requestAnimationFrame(() => removeRef.current?.focus());
  }

  return (
    <tr>
      <th scope="row">
        <code className="pattern">{exclusion.pattern}</code>
      </th>
      <td>{KIND_LABEL[exclusion.kind]}</td>
      <td className="exclusions-table__reason">{exclusion.reason}</td>
      <td>{exclusion.profileId ? <Tag tone="info">This integration</Tag> : <Tag tone="neutral">All integrations</Tag>}</td>
      <td className="nowrap">
        <time dateTime={exclusion.createdAt} title={formatDateTime(exclusion.createdAt)}>
          {formatDate(exclusion.createdAt)}
        </time>
      </td>
      <td className="actions-col">
        {confirming ? (
          <span className="confirm-inline" role="group" aria-label={`Remove the exclusion ${exclusion.pattern}?`}>
            <span className="confirm-inline__question" aria-hidden="true">
              Remove?
            </span>
            <Button size="sm" variant="danger" busy={removing} autoFocus onClick={() => void confirm()}>
              Remove
            </Button>
            <Button size="sm" variant="ghost" onClick={keep}>
              Keep
            </Button>
          </span>
        ) : (
          <Button ref={removeRef} size="sm" variant="ghost" aria-label={`Remove the exclusion ${exclusion.pattern}`} onClick={() => setConfirming(true)}>
            Remove
          </Button>
        )}
      </td>
    </tr>
  );
}

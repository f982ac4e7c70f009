/**
 * "Sources": where the directory's people come from. An HR roster can be removed here, after a
 * confirmation; an identity provider's people go with its integration, so its row says that
 * instead of offering a button.
 */
import { useId, useRef, useState } from 'react';
import { errorMessage } from '../../api.js';
import { Button } from '../../components/Button.js';
import { Modal } from '../../components/Modal.js';
import { SectionCard } from '../../components/SectionCard.js';
import { SectionTable, type SectionColumn } from '../../components/SectionTable.js';
import { formatDateTime, formatNumber, formatShortDateTime, plural } from '../../lib/format.js';
import { href } from '../../router.js';
import { kindWord, type DirectorySource } from './model.js';
import { useDirectoryStore } from './store.js';

const COLUMNS: readonly SectionColumn[] = [{ label: 'Source' }, { label: 'Kind' }, { label: 'People', num: true }, { label: 'Read' }];

export function SourcesSection() {
  const sources = useDirectoryStore((state) => state.sources);
  const [removing, setRemoving] = useState<DirectorySource | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const close = (source: DirectorySource) => {
    setRemoving(null);
    // Back to the row's button; once the row is gone, to the section's title.
    window.requestAnimationFrame(() => (buttons.current.get(source.id) ?? document.getElementById('directory-sources-title'))?.focus());
  };

  return (
    <SectionCard
      titleId="directory-sources-title"
      title="Sources"
      lead="Where the directory’s people come from. Someone several sources list is one person, merged by email; the status furthest from active wins."
      aside={<p className="section-count">{plural(sources.length, 'source')}</p>}
      className="directory-sources"
    >
      <SectionTable className="data-table--row-headers directory-sources__table" labelledBy="directory-sources-title" columns={COLUMNS}>
        {sources.map((source) => (
          <tr key={source.id}>
            <th scope="row">
              {source.kind === 'idp' && source.profileId ? (
                <a href={href({ name: 'profile', id: source.profileId, tab: 'subscriptions' })}>{source.name}</a>
              ) : (
                source.name
              )}
            </th>
            <td>{kindWord(source)}</td>
            <td className="num">{formatNumber(source.people)}</td>
            <td className="nowrap">
              <time dateTime={source.readAt} title={formatDateTime(source.readAt)}>
                {formatShortDateTime(source.readAt)}
              </time>
            </td>
            <td className="actions-col">
              {source.kind === 'roster' ? (
                <Button
                  ref={(element) => {
                    if (element) buttons.current.set(source.id, element);
                    else buttons.current.delete(source.id);
                  }}
                  size="sm"
                  variant="ghost"
                  aria-haspopup="dialog"
                  aria-label={`Remove ${source.name}`}
                  onClick={() => setRemoving(source)}
                >
                  Remove
                </Button>
              ) : (
                <span className="muted directory-sources__note">Removed with its profile</span>
              )}
            </td>
          </tr>
        ))}
      </SectionTable>
      {removing ? <RemoveSourceDialog source={removing} onClose={() => close(removing)} /> : null}
    </SectionCard>
  );
}

function RemoveSourceDialog({ source, onClose }: { source: DirectorySource; onClose: () => void }) {
  const ids = useId();
  const remove = useDirectoryStore((state) => state.removeSource);
  const busy = useDirectoryStore((state) => state.removing.has(source.id));
  const [error, setError] = useState<string | null>(null);

  async function confirm(): Promise<void> {
    if (busy) return;
    setError(null);
    try {
      await remove(source);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-desc`} onEscape={busy ? undefined : onClose}>
      <h2 id={`${ids}-title`} className="modal__title">
        Remove the roster “{source.name}”?
      </h2>
      <p id={`${ids}-desc`} className="modal__body">
        Its {plural(source.people, 'person', 'people')} leave the directory unless another source lists them. Seatwise then works out the candidates of every integration
        again: leavers only this roster named are no longer candidates, and seats of people nobody else knows become orphans.
      </p>
      {error ? (
        <p className="field-error" role="alert">
          The roster was not removed: {error}
        </p>
      ) : null}
      <div className="modal__actions">
        <Button onClick={onClose} disabled={busy} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" busy={busy} onClick={() => void confirm()}>
          {busy ? 'Removing…' : 'Remove roster'}
        </Button>
      </div>
    </Modal>
  );
}

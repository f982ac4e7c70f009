/**
 * Reclaim at an app with no API: no vendor call to confirm. The seats a reclaim would take are
 * written as a task list (`reclaim:taskList`) to copy into a ticket; they stay approved, marked
 * "task written", until marked reclaimed or no longer in the next export. Nothing here says
 * "reclaimed": nothing is, yet.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api, errorMessage } from '../../api.js';
import { Button } from '../../components/Button.js';
import { Modal } from '../../components/Modal.js';
import { plural } from '../../lib/format.js';
import type { ReclaimSelection } from './store.js';
import type { TaskList } from '../../../../preload/contract.js';

type Load = { status: 'loading' } | { status: 'ready'; list: TaskList } | { status: 'error'; error: string };

export function TaskListDialog({ selection, profileName, onClose }: { selection: ReclaimSelection; profileName: string; onClose: (changed: boolean) => void }) {
  const ids = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [copied, setCopied] = useState<'idle' | 'copied' | 'manual'>('idle');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const selectionKey = JSON.stringify(selection);

  useEffect(() => {
    titleRef.current?.focus();
    let live = true;
    api.call('reclaim:taskList', JSON.parse(selectionKey) as ReclaimSelection).then(
      (list) => live && setLoad({ status: 'ready', list }),
      (error: unknown) => live && setLoad({ status: 'error', error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [selectionKey]);

  async function copy(text: string) {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    try {
      if (!clipboard || typeof clipboard.writeText !== 'function') throw new Error('no clipboard');
      await clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // The browser host over plain HTTP has no clipboard: the text is selected to copy by hand.
      textRef.current?.select();
      setCopied('manual');
    }
  }

  const count = load.status === 'ready' ? load.list.tasks.length : 0;
  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-intro`} className="modal--wide reclaim" onEscape={() => onClose(count > 0)}>
      <h2 id={`${ids}-title`} className="modal__title" tabIndex={-1} ref={titleRef}>
        Task list for {profileName}
      </h2>
      <p id={`${ids}-intro`} className="muted">
        {profileName} has no API: Seatwise changes nothing there. Copy the list into a ticket, remove the users in the app&apos;s admin console, then mark them
        reclaimed (seatwise candidates mark-reclaimed). Until then they stay approved, with the task written.
      </p>
      <div aria-live="polite">
        {load.status === 'loading' ? <p className="muted">Writing the task list…</p> : null}
        {load.status === 'error' ? (
          <p className="field-error" role="alert">
            Seatwise could not write the task list: {load.error}
          </p>
        ) : null}
        {load.status === 'ready' ? (
          <>
            <p>
              {count ? `${plural(count, 'task')} written: not reclaimed yet.` : 'No approved seat to write a task for.'}
              {load.list.skipped.length ? ` ${plural(load.list.skipped.length, 'seat')} skipped.` : ''}
            </p>
            {count ? (
              <>
                <label htmlFor={`${ids}-text`} className="modal__label">
                  Tasks (CSV)
                </label>
                <textarea id={`${ids}-text`} ref={textRef} className="input reclaim__tasks" readOnly rows={Math.min(12, count + 2)} value={load.list.text} />
                <p role="status" className="muted">
                  {copied === 'copied' ? 'Copied.' : copied === 'manual' ? 'The clipboard is not available here: the text is selected, copy it with Ctrl+C.' : ''}
                </p>
              </>
            ) : null}
          </>
        ) : null}
      </div>
      <div className="modal__actions">
        <Button onClick={() => onClose(count > 0)}>Close</Button>
        {load.status === 'ready' && count ? (
          <Button variant="primary" onClick={() => void copy(load.list.text)}>
            Copy
          </Button>
        ) : null}
      </div>
    </Modal>
  );
}

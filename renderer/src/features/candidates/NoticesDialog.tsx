/**
 * "Notices…": the messages for the people behind the selected (or all shown) candidates whose
 * rule has "Notify user" on, to copy into a mail or export for a mail merge. Main builds the
 * text (`notices:list`) and the files (`notices:export`: a download in the browser host, a path
 * in the desktop app); this dialog previews one
 * notice at a time, copies one or all, and falls back to a selectable text box where the
 * clipboard is out of reach (the browser host over plain HTTP, or a denied permission).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api.js';
import { Button } from '../../components/Button.js';
import { DialogButton } from '../../components/DialogButton.js';
import { ExportOutcome } from '../../components/ExportDialog.js';
import { ExportTargetFields, useExportTarget } from '../../components/ExportTarget.js';
import { Modal } from '../../components/Modal.js';
import { formatDate, formatNumber, plural } from '../../lib/format.js';
import { noticesText, noticeText, type NoticeView } from './notice-text.js';
import { useCandidatesStore } from './store.js';

type NoticeFormat = 'csv' | 'txt';

/** The list shows this many; copy and export always take every notice. */
const LIST_LIMIT = 500;

export interface NoticesTarget {
  /** The candidates to write to; undefined for every candidate of the scope. */
  candidateIds: string[] | undefined;
  /** How many candidates that is, to say how many were skipped. */
  count: number;
  /** Whether the candidates are a selection (or all shown). */
  selection: boolean;
}

export function NoticesButton({ target }: { target: NoticesTarget }) {
  return <DialogButton label="Notices…" size="sm" disabled={target.count === 0} dialog={(close) => <NoticesDialog target={target} onClose={close} />} />;
}

/** Copies with the async clipboard API; false where it is missing or refused. */
async function copyToClipboard(text: string): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (!clipboard || typeof clipboard.writeText !== 'function') return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

type Load = { status: 'loading' } | { status: 'ready'; notices: NoticeView[] } | { status: 'error'; error: string };
type Copy = { status: 'idle' } | { status: 'copied'; what: string } | { status: 'manual'; text: string };
type ExportState = { status: 'idle' | 'running' } | { status: 'done'; path?: string; filename?: string; rows: number } | { status: 'error'; error: string };

export function NoticesDialog({ target, onClose }: { target: NoticesTarget; onClose: () => void }) {
  const ids = useId();
  const scope = useCandidatesStore((state) => state.scope);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [chosen, setChosen] = useState(0);
  const [copy, setCopy] = useState<Copy>({ status: 'idle' });
  const [exporting, setExporting] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const selection = { ...(scope ? { profileId: scope } : {}), ...(target.candidateIds ? { candidateIds: target.candidateIds } : {}) };
  const selectionKey = JSON.stringify(selection);

  useEffect(() => {
    closeRef.current?.focus();
    let live = true;
    api.call('notices:list', JSON.parse(selectionKey) as typeof selection).then(
      (notices) => {
        if (live) setLoad({ status: 'ready', notices });
      },
      (error: unknown) => {
        if (live) setLoad({ status: 'error', error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
    // The selection is fixed while the dialog is open; its key stands for it.
  }, [selectionKey]);

  const notices = load.status === 'ready' ? load.notices : [];
  const current = notices[Math.min(chosen, notices.length - 1)];
  const skipped = load.status === 'ready' ? Math.max(0, target.count - notices.length) : 0;

  const doCopy = async (text: string, what: string) => {
    setCopy((await copyToClipboard(text)) ? { status: 'copied', what } : { status: 'manual', text });
  };

  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-desc`} className="modal--wide notices" onEscape={onClose}>
      <h2 id={`${ids}-title`} className="modal__title">
        Notices to users
      </h2>
      <div id={`${ids}-desc`} className="modal__body" aria-live="polite">
        {load.status === 'loading' ? (
          'Writing the notices…'
        ) : load.status === 'error' ? (
          <span className="field-error" role="alert">
            Seatwise could not prepare the notices: {load.error}
          </span>
        ) : notices.length === 0 ? (
          `None of the ${target.selection ? 'selected' : 'shown'} candidates needs a notice: only open and approved candidates whose rule has “Notify user” on get one.`
        ) : (
          <>
            <strong data-testid="notices-count">{plural(notices.length, 'notice')}</strong> for the {target.selection ? 'selected' : 'shown'} candidates whose rule has “Notify user” on
            {skipped > 0 ? ` (${formatNumber(skipped)} skipped: no notify rule, or not open or approved)` : ''}.
          </>
        )}
      </div>

      {current ? (
        <div className="notices__layout">
          <label htmlFor={`${ids}-list`} className="visually-hidden">
            Notices
          </label>
          <select id={`${ids}-list`} className="input notices__list" size={8} value={String(Math.min(chosen, notices.length - 1))} onChange={(event) => setChosen(Number(event.target.value))}>
            {notices.slice(0, LIST_LIMIT).map((notice, index) => (
              <option key={notice.candidateId} value={index}>
                {notice.name || notice.email} · {notice.reclaimableAt ? formatDate(notice.reclaimableAt) : 'after review'}
              </option>
            ))}
          </select>
          <article className="notices__preview" aria-label="Notice preview">
            <p className="notices__header">
              <span className="muted">To:</span> {current.name && current.name !== current.email ? `${current.name} <${current.email}>` : current.email}
            </p>
            <p className="notices__header">
              <span className="muted">Subject:</span> <strong>{current.subject}</strong>
            </p>
            <pre className="notices__body">{current.body}</pre>
          </article>
          {notices.length > LIST_LIMIT ? (
            <p className="muted notices__more">
              The list shows the first {formatNumber(LIST_LIMIT)}; Copy all and Export take all {formatNumber(notices.length)}.
            </p>
          ) : null}
        </div>
      ) : null}

      {copy.status === 'copied' ? (
        <p className="modal__done" role="status">
          Copied {copy.what} to the clipboard.
        </p>
      ) : copy.status === 'manual' ? (
        <div className="notices__manual">
          <label htmlFor={`${ids}-manual`} className="modal__label">
            The clipboard is not available here: select the text and copy it (Ctrl+C or ⌘C).
          </label>
          <textarea
            id={`${ids}-manual`}
            className="input notices__textarea"
            readOnly
            rows={8}
            value={copy.text}
            ref={(element) => {
              if (element && document.activeElement !== element) {
                element.focus();
                element.select();
              }
            }}
          />
        </div>
      ) : null}

      {exporting && notices.length > 0 ? <NoticesExport selection={selection} /> : null}

      <div className="modal__actions">
        <Button ref={closeRef} onClick={onClose}>
          Close
        </Button>
        <Button disabled={!current} onClick={() => current && void doCopy(noticeText(current), 'the notice')}>
          Copy
        </Button>
        <Button disabled={notices.length < 2} onClick={() => void doCopy(noticesText(notices), plural(notices.length, 'notice'))}>
          Copy all
        </Button>
        <Button variant="primary" disabled={notices.length === 0 || exporting} onClick={() => setExporting(true)} aria-expanded={exporting}>
          Export…
        </Button>
      </div>
    </Modal>
  );
}

const NOTICE_FORMATS: readonly NoticeFormat[] = ['csv', 'txt'];
const FORMATS: Array<{ value: NoticeFormat; label: string }> = [
  { value: 'csv', label: 'CSV for mail merge' },
  { value: 'txt', label: 'Plain text' },
];

/** The export part of the dialog: a format and, in the desktop app, a path, as the candidates export. */
function NoticesExport({ selection }: { selection: { profileId?: string; candidateIds?: string[] } }) {
  const ids = useId();
  const focusRef = useRef<HTMLInputElement>(null);
  const target = useExportTarget<NoticeFormat>({ formats: NOTICE_FORMATS, initial: 'csv', stem: 'seatwise-notices', example: '/Users/you/Desktop/notices.csv' }, focusRef);
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const destination = target.validate();
    if (destination === null) return;
    setState({ status: 'running' });
    try {
      if (destination.kind === 'download') {
        const result = await api.download('notices:export', { ...selection, format: target.format });
        setState({ status: 'done', filename: result.filename, rows: result.rows });
      } else {
        const result = await api.call('notices:export', { ...selection, format: target.format, out: destination.out });
        setState({ status: 'done', path: result.path, rows: result.rows });
      }
    } catch (error) {
      setState({ status: 'error', error: errorMessage(error) });
    }
  };

  const running = state.status === 'running';
  return (
    <form className="notices__export" onSubmit={(event) => void submit(event)} aria-label="Export notices">
      <ExportTargetFields id={ids} target={target} focusRef={focusRef} options={FORMATS} disabled={running} />
      <div className="notices__export-line">
        <div className="modal__status" aria-live="polite">
          <ExportOutcome state={state} noun="notice" />
        </div>
        <Button type="submit" variant="primary" busy={running} disabled={target.delivery === null}>
          {target.delivery === 'download' ? 'Download' : 'Save'}
        </Button>
      </div>
    </form>
  );
}

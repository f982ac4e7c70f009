/**
 * The export dialog of a list (candidates, the audit log): what it exports, a format and,
 * in the desktop app, a path; a progress line while main writes the file, and where it went.
 * The owner keeps the export's state in its store, so the dialog only reads it and asks for a run.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button } from './Button.js';
import { ExportTargetFields, useExportTarget, type ExportDestination } from './ExportTarget.js';
import { Modal } from './Modal.js';
import { ProgressBar } from './ProgressBar.js';
import { plural } from '../lib/format.js';

export interface ExportRun {
  status: 'idle' | 'running' | 'done' | 'error';
  /** Where main wrote the file (desktop app). */
  path?: string;
  /** The download's name (browser host). */
  filename?: string;
  rows?: number;
  error?: string;
}

/** Where the file went, or why it was not written; nothing before the export ends. */
export function ExportOutcome({ state, noun }: { state: ExportRun; noun: string }) {
  if (state.status === 'done' && state.filename !== undefined) {
    return (
      <p className="modal__done">
        Downloaded {plural(state.rows ?? 0, noun)} as <code className="mono-value">{state.filename}</code>: it is with your browser’s downloads.
      </p>
    );
  }
  return state.status === 'done' ? (
    <p className="modal__done">
      Saved {plural(state.rows ?? 0, noun)} to <code className="mono-value">{state.path}</code>
    </p>
  ) : state.status === 'error' ? (
    <p className="field-error" role="alert">
      The export failed: {state.error}
    </p>
  ) : null;
}

export function ExportDialog<F extends string>({
  title,
  description,
  formats,
  stem,
  example,
  state,
  onReset,
  onExport,
  progressLabel,
  writing,
  noun,
  onClose,
  children,
}: {
  title: string;
  description: ReactNode;
  /** The first is chosen at first. */
  formats: ReadonlyArray<{ value: F; label: string }>;
  /** The default file name's start, as `seatwise-audit`. */
  stem: string;
  /** A full path to show when a relative one is refused. */
  example: string;
  state: ExportRun;
  onReset: () => void;
  onExport: (format: F, destination: ExportDestination) => void;
  /** The progress bar's accessible name. */
  progressLabel: string;
  /** Said under the progress bar. */
  writing: string;
  /** What a row is, for "Saved 12 candidates". */
  noun: string;
  onClose: () => void;
  /** Fields of the list's own, between the description and the format (what to export). */
  children?: ReactNode;
}) {
  const ids = useId();
  const focusRef = useRef<HTMLInputElement>(null);
  const target = useExportTarget<F>({ formats: formats.map((option) => option.value), initial: formats[0]!.value, stem, example }, focusRef);

  useEffect(() => {
    onReset();
  }, [onReset]);

  const running = state.status === 'running';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const destination = target.validate();
    if (destination !== null) onExport(target.format, destination);
  };

  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-desc`} onEscape={running ? undefined : onClose}>
      <form onSubmit={submit}>
        <h2 id={`${ids}-title`} className="modal__title">
          {title}
        </h2>
        <p id={`${ids}-desc`} className="modal__body">
          {description}
        </p>
        {children}
        <ExportTargetFields id={ids} target={target} focusRef={focusRef} options={formats} disabled={running} />
        <div className="modal__status" aria-live="polite">
          {running ? (
            <>
              <ProgressBar fraction={null} label={progressLabel} size="regular" />
              <p className="muted">{writing}</p>
            </>
          ) : (
            <ExportOutcome state={state} noun={noun} />
          )}
        </div>
        <div className="modal__actions">
          <Button onClick={onClose} disabled={running}>
            {state.status === 'done' ? 'Close' : 'Cancel'}
          </Button>
          {state.status === 'done' ? null : (
            <Button type="submit" variant="primary" busy={running} disabled={target.delivery === null}>
              {target.delivery === 'download' ? 'Download' : 'Export'}
            </Button>
          )}
        </div>
      </form>
    </Modal>
  );
}
